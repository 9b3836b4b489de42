import { useTerritories } from '../territories';

/** The territory tree as the options of a select (indented labels, in the app language), leaving out `except`. */
export function TerritoryOptions({ except }: { except?: string }) {
  const territories = useTerritories();
  return (
    <>
      {territories.options
        .filter((o) => o.value !== except)
        .map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
    </>
  );
}
