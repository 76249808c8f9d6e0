// Small helpers to build the page. Text always goes in as text (textContent), never as markup:
// names and log lines from a run cannot become HTML.

type Child = Node | string | undefined | false;

/** An element with classes, attributes and children (strings become text nodes). */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { className?: string; attrs?: Readonly<Record<string, string>>; title?: string } = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.className !== undefined) element.className = props.className;
  if (props.title !== undefined) element.title = props.title;
  for (const [name, value] of Object.entries(props.attrs ?? {})) element.setAttribute(name, value);
  for (const child of children) {
    if (child === undefined || child === false) continue;
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
}

/** Replaces every child of `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren(...children.filter((c): c is Node | string => c !== undefined && c !== false));
}

/** A card of the page: a heading and a body. */
export function card(title: string, id: string, body: HTMLElement, wide = false): HTMLElement {
  return el('section', { className: wide ? 'card wide' : 'card', attrs: { id } }, el('h2', {}, title), body);
}

/** A table of `rows` under `headings`; cells that are nodes go in as they are. */
export function table(
  headings: readonly string[],
  rows: readonly (readonly Child[])[],
  className = '',
): HTMLTableElement {
  return el(
    'table',
    { className },
    el('thead', {}, el('tr', {}, ...headings.map((heading) => el('th', {}, heading)))),
    el('tbody', {}, ...rows.map((cells) => el('tr', {}, ...cells.map((cell) => el('td', {}, cell))))),
  );
}
