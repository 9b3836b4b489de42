import { describe, expect, it } from 'vitest';
import { PROVINCE_TILES, TILE_COLUMNS, TILE_ROWS, placeTiles } from '../../../renderer/src/pages/territories/provinceTiles';

const standard = Object.keys(PROVINCE_TILES).map((code) => ({ code, region: code.startsWith('3') ? 'HD' : code.startsWith('6') ? 'XB' : 'OTHER' }));

describe('tiles for provinces the company added', () => {
  it('keeps the standard tiles and puts an added place on a free cell near its territory’s tiles', () => {
    const { tiles, added, rows } = placeTiles([...standard, { code: 'SZ', region: 'HD' }, { code: 'WEST', region: 'XB' }, { code: 'NOWHERE', region: null }]);
    for (const s of standard) expect(tiles.get(s.code)).toEqual(PROVINCE_TILES[s.code]);
    expect(added).toEqual(['NOWHERE', 'SZ', 'WEST']);
    expect(rows).toBe(TILE_ROWS);
    const cells = [...tiles.values()].map((t) => t.join(','));
    expect(new Set(cells).size).toBe(cells.length); // no two on one cell
    // 华东's standard tiles (山东 上海 江苏 浙江 安徽 江西 福建 台湾 …) are in the east: the added one lands east of the middle
    const [x] = tiles.get('SZ')!;
    expect(x).toBeGreaterThanOrEqual(6);
    const [wx] = tiles.get('WEST')!;
    expect(wx).toBeLessThanOrEqual(3);
  });

  it('adds rows below when the grid is full', () => {
    const many = Array.from({ length: TILE_COLUMNS * TILE_ROWS }, (_, i) => ({ code: `X${String(i).padStart(3, '0')}`, region: null }));
    const { tiles, rows } = placeTiles([...standard, ...many]);
    expect(tiles.size).toBe(standard.length + many.length);
    expect(rows).toBeGreaterThan(TILE_ROWS);
    const cells = [...tiles.values()].map((t) => t.join(','));
    expect(new Set(cells).size).toBe(cells.length);
    expect(Math.max(...[...tiles.values()].map((t) => t[1]))).toBe(rows - 1);
  });
});
