/** Names for one line of the terminal: the first few, then how many more. */
export function namesInOneLine(organisations: ReadonlyArray<{ name: string }>, shown = 5): string {
  const names = organisations.slice(0, shown).map((organisation) => organisation.name);
  const more = organisations.length - names.length;
  return more > 0 ? `${names.join(', ')} and ${more} more` : names.join(', ');
}
