import type { FieldSpec, KindContext, KindRun, RowValues } from './kind';
import { changeRecorder, defineKind } from './kind';
import { productImportStatements, type ProductImportColumn } from '../../products/store';
import type { ProductPriceRow } from '../../../../db/schema';

/** validFrom when a price row gives none: the price holds from the start. */
export const OPEN_START = '0000-01-01';

const fields: FieldSpec[] = [
  { name: 'code', type: 'text', required: true, synonyms: ['产品编码', '产品代码', '物料编码', '商品编码', '存货编码', 'SKU', '货号', 'Product Code', 'Product ID', 'Item Code', 'Material', 'Code', '编码'] },
  { name: 'nameZh', type: 'text', synonyms: ['产品名称', '商品名称', '存货名称', '物料名称', '品名', '名称', '中文名称', 'Product Name', 'Name', 'Material Description'] },
  { name: 'nameEn', type: 'text', synonyms: ['英文名称', '英文名', 'English Name', 'Name EN', 'Product Name EN'] },
  { name: 'productLine', type: 'text', synonyms: ['产品线', '品类', '产品类别', '类别', '分类', '存货分类', 'Product Line', 'Category', 'Product Category', 'Material Group'] },
  { name: 'unit', type: 'text', synonyms: ['单位', '计量单位', '主计量单位', 'Unit', 'UOM', 'Unit of Measure'] },
  { name: 'floorPrice', type: 'money', synonyms: ['底价', '最低价', '控价', '最低限价', '限价', '最低售价', 'Floor Price', 'Minimum Price', 'Min Price', 'MAP'] },
  { name: 'listPrice', type: 'money', synonyms: ['零售价', '建议零售价', '指导价', '标准价', '牌价', '价格', 'List Price', 'MSRP', 'RRP', 'Price'] },
  { name: 'currency', type: 'text', synonyms: ['币种', '货币', 'Currency', '币别'] },
  { name: 'validFrom', type: 'date', synonyms: ['生效日期', '开始日期', '起始日期', '价格生效日期', 'Valid From', 'Effective Date', 'Start Date', 'From'] },
  { name: 'validTo', type: 'date', synonyms: ['失效日期', '结束日期', '截止日期', 'Valid To', 'End Date', 'Expiry Date', 'To'] },
];

interface ProductImportRow {
  code: string;
  nameZh: string | null;
  nameEn: string | null;
  productLine: string | null;
  unit: string | null;
  price: Pick<ProductPriceRow, 'validFrom' | 'validTo' | 'floorPriceMinor' | 'listPriceMinor' | 'currency'> | null;
}

const PRODUCT_COLS = { nameZh: 'name_zh', nameEn: 'name_en', productLine: 'product_line', unit: 'unit' } as const;

function open(ctx: KindContext): KindRun<ProductImportRow> {
  const recordProduct = changeRecorder(ctx, 'product');
  const recordPrice = changeRecorder(ctx, 'product_price');
  const { findProduct, productById, insertProduct, updateProduct, findPrice, priceById, insertPrice, updatePrice } = productImportStatements(ctx.ws);
  const hasPrice = ctx.mapped.has('floorPrice') || ctx.mapped.has('listPrice');
  return {
    parse(row: RowValues) {
      const code = row.text('code', true, 64);
      const nameZh = row.text('nameZh', false, 200);
      const nameEn = row.text('nameEn', false, 200);
      const productLine = row.text('productLine', false, 100);
      const unit = row.text('unit', false, 20);
      let price: ProductImportRow['price'] = null;
      if (hasPrice) {
        const currency = (ctx.mapped.has('currency') ? row.currency('currency') : null) ?? 'CNY';
        const floorPriceMinor = row.money('floorPrice', false, currency);
        const listPriceMinor = row.money('listPrice', false, currency);
        const validFrom = row.date('validFrom');
        const validTo = row.date('validTo');
        if (floorPriceMinor !== null && floorPriceMinor < 0) row.fail('floorPrice', 'negativePrice');
        if (listPriceMinor !== null && listPriceMinor < 0) row.fail('listPrice', 'negativePrice');
        if (floorPriceMinor !== null && listPriceMinor !== null && floorPriceMinor > listPriceMinor) row.fail('floorPrice', 'floorAboveList');
        if (validFrom && validTo && validTo < validFrom) row.fail('validTo', 'priceEndsBeforeStart');
        if (floorPriceMinor !== null || listPriceMinor !== null) price = { validFrom: validFrom ?? OPEN_START, validTo, floorPriceMinor, listPriceMinor, currency };
      }
      if (row.errors.length || code === null) return null;
      if (nameZh === null && nameEn === null && findProduct.get(code) === undefined) return row.fail('nameZh', 'newProductNeedsName', { code });
      return { code, nameZh, nameEn, productLine, unit, price };
    },
    write(p) {
      let outcome: 'inserted' | 'updated' | 'duplicate' = 'duplicate';
      let product = findProduct.get(p.code);
      if (!product) {
        const info = insertProduct.run(p.code, p.nameZh ?? p.nameEn, p.nameEn, p.productLine, p.unit, ctx.importId, ctx.now, ctx.now);
        product = productById.get(info.lastInsertRowid)!;
        recordProduct(product.id, 'insert', { before: null, after: product });
        outcome = 'inserted';
      } else {
        // An update only changes fields the file gives (an empty cell never blanks a name).
        const set = (Object.keys(PRODUCT_COLS) as Array<keyof typeof PRODUCT_COLS>).filter((k) => p[k] !== null && p[k] !== product![PRODUCT_COLS[k]]);
        if (set.length) {
          updateProduct(product.id, Object.fromEntries(set.map((k) => [PRODUCT_COLS[k], p[k]!])) as Partial<Record<ProductImportColumn, string>>, ctx.importId, ctx.now);
          const after = productById.get(product.id)!;
          recordProduct(product.id, 'update', { before: product, after });
          outcome = 'updated';
        }
      }
      if (p.price) {
        const pr = p.price;
        const before = findPrice.get(product.id, pr.validFrom);
        if (!before) {
          const info = insertPrice.run(product.id, pr.validFrom, pr.validTo, pr.floorPriceMinor, pr.listPriceMinor, pr.currency, ctx.importId, ctx.now);
          recordPrice(Number(info.lastInsertRowid), 'insert', { before: null, after: priceById.get(info.lastInsertRowid)! });
          if (outcome === 'duplicate') outcome = 'updated';
        } else if (before.valid_to !== pr.validTo || before.floor_price_minor !== pr.floorPriceMinor || before.list_price_minor !== pr.listPriceMinor || before.currency !== pr.currency) {
          updatePrice.run(pr.validTo, pr.floorPriceMinor, pr.listPriceMinor, pr.currency, ctx.importId, before.id);
          recordPrice(before.id, 'update', { before, after: priceById.get(before.id)! });
          if (outcome === 'duplicate') outcome = 'updated';
        }
      }
      return outcome;
    },
    display: (p) => ({ code: p.code, nameZh: p.nameZh, nameEn: p.nameEn, productLine: p.productLine, unit: p.unit, ...(p.price ? { ...p.price, validFrom: p.price.validFrom === OPEN_START ? null : p.price.validFrom } : {}) }),
  };
}

export const productsKind = defineKind({ kind: 'products', fields, open });
