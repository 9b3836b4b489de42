/**
 * Codes a spreadsheet turned into numbers: Excel opens a CSV's 00123 as the number 123 and saves it so, and a WPS or
 * Excel column left as General does the same. An unknown all-digit code is then looked up here to name the stored
 * codes it equals with its leading zeros put back — never matched silently, since 123 may be a code of its own.
 */
export class DroppedZeros {
  private readonly byDigits = new Map<string, string[]>();

  constructor(codes: Iterable<string>) {
    for (const code of codes) {
      if (code.length < 2 || code.charCodeAt(0) !== 0x30 || !/^\d+$/.test(code)) continue;
      const digits = code.replace(/^0+/, '');
      if (!digits) continue;
      const list = this.byDigits.get(digits);
      if (list) list.push(code);
      else this.byDigits.set(digits, [code]);
    }
  }

  /** The stored codes that are `text` with leading zeros (at most three); none unless `text` is digits without one. */
  of(text: string): string[] {
    if (!this.byDigits.size || !/^[1-9]\d*$/.test(text)) return [];
    return this.byDigits.get(text)?.slice(0, 3) ?? [];
  }
}
