/** Deal values are whole currency units; shown as dollars, as the contact page does. */
const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });

export function formatMoney(value: number): string {
  return money.format(value);
}

/** The largest value a deal holds (a 32-bit integer in the api). */
export const MAX_DEAL_VALUE = 2_147_483_647;

/** A typed value ("450,000", "$ 1 200 000") as a whole number, null when blank, or what is wrong with it. */
export function readMoney(text: string): { value: number | null } | { problem: string } {
  const digits = text.replace(/[\s,$]/g, '');
  if (!digits) return { value: null };
  if (!/^\d+$/.test(digits)) return { problem: 'Enter the value as a whole number, like 450,000.' };
  const value = Number(digits);
  if (value > MAX_DEAL_VALUE) return { problem: `A value can be at most ${formatMoney(MAX_DEAL_VALUE)}.` };
  return { value };
}
