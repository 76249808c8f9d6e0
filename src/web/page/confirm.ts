import { el } from './dom.js';

/**
 * Asks a yes/no question in a modal dialog (as the TUI's prompt row does) and resolves with
 * the answer; Escape or Cancel is no.
 */
export function confirmAction(question: string, yes: string): Promise<boolean> {
  const confirm = el('button', { className: 'danger', attrs: { value: 'yes', type: 'submit' } }, yes);
  const cancel = el('button', { attrs: { value: 'no', type: 'submit', autofocus: '' } }, 'Cancel');
  const dialog = el(
    'dialog',
    { className: 'confirm' },
    el(
      'form',
      { attrs: { method: 'dialog' } },
      el('p', {}, question),
      el('div', { className: 'buttons' }, cancel, confirm),
    ),
  );
  document.body.append(dialog);
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'yes');
      dialog.remove();
    });
  });
}
