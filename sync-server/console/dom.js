// A tiny element builder: h('tr#id.row', {onclick}, child, ...). Text goes in as text nodes, never as
// HTML, so answers typed on a tablet cannot inject markup into a reviewer's page.
export function h(tag, attributes = {}, ...children) {
  const [name, ...parts] = tag.split(/(?=[.#])/);
  const element = document.createElement(name || 'div');
  const classes = [];
  for (const part of parts) {
    if (part[0] === '#') element.id = part.slice(1);
    else classes.push(part.slice(1));
  }
  if (classes.length) element.className = classes.join(' ');
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) element.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(element.dataset, value);
    else if (key in element && typeof value !== 'string') element[key] = value;
    else element.setAttribute(key, value === true ? '' : value);
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
}

export function showMessage(text, ok = false) {
  const box = document.getElementById('message');
  box.textContent = text;
  box.classList.toggle('ok', ok);
  box.hidden = !text;
}
