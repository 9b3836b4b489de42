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

/**
 * Every province's tile: the 34 standard divisions where they lie; a province the company added (a code not in GB/T
 * 2260) on the free cell nearest the middle of its top-level territory's standard tiles (the grid's middle when its
 * territory has none), nearest first, then top to bottom, left to right. When the grid is full, rows are added below.
 * `added` lists those placed this way, for the note beside the map.
 */
export function placeTiles(provinces: Array<{ code: string; region: string | null }>): { tiles: Map<string, [number, number]>; added: string[]; rows: number } {
  const tiles = new Map<string, [number, number]>();
  const taken = new Set<string>();
  const anchors = new Map<string | null, [number, number][]>();
  for (const p of provinces) {
    const tile = PROVINCE_TILES[p.code];
    if (!tile) continue;
    tiles.set(p.code, tile);
    taken.add(tile.join(','));
    anchors.set(p.region, [...(anchors.get(p.region) ?? []), tile]);
  }
  const added = provinces.filter((p) => !PROVINCE_TILES[p.code]).sort((a, b) => a.code.localeCompare(b.code));
  let rows = TILE_ROWS;
  for (const p of added) {
    const own = anchors.get(p.region) ?? [];
    const [cx, cy] = own.length ? [own.reduce((s, t) => s + t[0], 0) / own.length, own.reduce((s, t) => s + t[1], 0) / own.length] : [(TILE_COLUMNS - 1) / 2, (TILE_ROWS - 1) / 2];
    let best: [number, number] | null = null;
    let bestDistance = Infinity;
    for (let y = 0; y < rows; y++)
      for (let x = 0; x < TILE_COLUMNS; x++) {
        if (taken.has(`${x},${y}`)) continue;
        const d = (x - cx) ** 2 + (y - cy) ** 2;
        if (d < bestDistance) [best, bestDistance] = [[x, y], d];
      }
    if (!best) best = [0, rows++];
    tiles.set(p.code, best);
    taken.add(best.join(','));
  }
  return { tiles, added: added.map((p) => p.code), rows };
}
