/**
 * Quantities are REAL (fractional units: kg, metres, litres; returns negative). The summaries kept by deltas — the
 * sales summary per partner and month (evaluations/store.ts) and the sell-through one (inventory/store/partnerMonths.ts)
 * — add an import's quantities and subtract them again on undo, and in binary floating point 0.1 + 0.2 − 0.1 is
 * 0.20000000000000004: the summary would drift from its lines, and a month whose quantities cancel would keep a
 * remainder instead of 0. So every add, subtract and rebuild rounds to QUANTITY_DECIMALS places (SQLite's round(),
 * the double nearest the decimal), which makes the result depend only on the decimal sum, not on the order of the
 * steps. Six places keep every unit a company counts in (grams of a tonne, millilitres of a litre) and stay far from
 * a double's 15–17 significant digits for any monthly total below a billion units.
 */
export const QUANTITY_DECIMALS = 6;

/** SQL: a quantity expression rounded to QUANTITY_DECIMALS places. */
export const roundedQuantity = (expr: string): string => `round(${expr}, ${QUANTITY_DECIMALS})`;
