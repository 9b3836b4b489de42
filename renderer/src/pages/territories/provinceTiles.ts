/**
 * China's 34 provincial divisions as tiles of a grid cartogram, by GB/T 2260 code: [column, row], each roughly where
 * the division lies (north at the top). No borders are drawn — a map with drawn borders of China needs an approved
 * map (审图号) to be published; a tile map does not.
 */
export const PROVINCE_TILES: Record<string, [number, number]> = {
  '230000': [8, 0], // 黑龙江
  '150000': [5, 1], // 内蒙古
  '110000': [6, 1], // 北京
  '220000': [8, 1], // 吉林
  '650000': [1, 2], // 新疆
  '620000': [3, 2], // 甘肃
  '640000': [4, 2], // 宁夏
  '140000': [5, 2], // 山西
  '130000': [6, 2], // 河北
  '120000': [7, 2], // 天津
  '210000': [8, 2], // 辽宁
  '540000': [1, 3], // 西藏
  '630000': [2, 3], // 青海
  '610000': [4, 3], // 陕西
  '410000': [5, 3], // 河南
  '370000': [6, 3], // 山东
  '510000': [3, 4], // 四川
  '500000': [4, 4], // 重庆
  '420000': [5, 4], // 湖北
  '340000': [6, 4], // 安徽
  '320000': [7, 4], // 江苏
  '310000': [8, 4], // 上海
  '530000': [3, 5], // 云南
  '520000': [4, 5], // 贵州
  '430000': [5, 5], // 湖南
  '360000': [6, 5], // 江西
  '330000': [7, 5], // 浙江
  '450000': [4, 6], // 广西
  '440000': [5, 6], // 广东
  '350000': [6, 6], // 福建
  '710000': [7, 6], // 台湾
  '460000': [3, 7], // 海南
  '820000': [4, 7], // 澳门
  '810000': [5, 7], // 香港
};

export const TILE_COLUMNS = 9;
export const TILE_ROWS = 8;

/** 浙江省 → 浙江, 广西壮族自治区 → 广西: the tile's label. */
export function tileLabel(nameZh: string): string {
  const s = nameZh.replace(/(?:壮族|回族|维吾尔)?(?:自治区|特别行政区|省|市)$/u, '');
  return s.length >= 2 ? s : nameZh;
}
