// The dialog where the person picks a display name and a colour (first visit, or the button
// in the top bar). Resolves with the saved identity, or null when cancelled.

import { $, h } from './dom.js';
import { PALETTE, cleanIdentity, saveIdentity } from './identity.js';

export function editIdentity(current, { firstVisit = false } = {}) {
  const dialog = $('#identity-dialog');
  const form = $('#identity-form');
  const name = $('#name-input');
  const error = $('#name-error');
  const swatches = $('#swatches');
  $('#identity-title').textContent = firstVisit ? 'Welcome! How should others see you?' : 'How should others see you?';
  $('#identity-cancel').textContent = firstVisit ? 'Use this for now' : 'Cancel';

  swatches.querySelectorAll('.swatch').forEach((el) => el.remove());
  const colors = PALETTE.some((p) => p.color === current.color) ? PALETTE : [{ color: current.color, name: 'Your colour' }, ...PALETTE];
  for (const { color, name: label } of colors) {
    swatches.append(h('label', { class: 'swatch', title: label },
      h('input', { type: 'radio', name: 'color', value: color, 'aria-label': label, checked: color === current.color }),
      h('span', { style: { '--swatch': color } })));
    swatches.lastChild.querySelector('span').style.setProperty('--swatch', color);
  }
  name.value = current.name;
  error.textContent = '';

  const preview = () => {
    const color = form.elements.color.value || current.color;
    $('#preview-caret').style.setProperty('--peer', color);
    $('#preview-flag').textContent = name.value.trim() || current.name;
  };
  preview();

  return new Promise((resolve) => {
    const done = (value) => {
      form.removeEventListener('submit', onSubmit);
      form.removeEventListener('input', preview);
      $('#identity-cancel').removeEventListener('click', onCancel);
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      resolve(value);
    };
    const onSubmit = (e) => {
      e.preventDefault();
      const chosen = cleanIdentity({ name: name.value, color: form.elements.color.value });
      if (!chosen) {
        error.textContent = 'Please enter a name.';
        name.focus();
        return;
      }
      done(saveIdentity(chosen));
    };
    const onCancel = (e) => {
      e.preventDefault();
      done(firstVisit ? saveIdentity(current) : null);
    };
    form.addEventListener('submit', onSubmit);
    form.addEventListener('input', preview);
    $('#identity-cancel').addEventListener('click', onCancel);
    dialog.addEventListener('cancel', onCancel);
    dialog.showModal();
    name.select();
  });
}

/** Puts the person's initials and colour in the top bar. */
export function showIdentity(identity) {
  const avatar = $('#me-avatar');
  avatar.textContent = initials(identity.name);
  avatar.style.background = identity.color;
  $('#me-name').textContent = identity.name;
  $('#me').title = `${identity.name}: change your name or colour`;
}

export function initials(name) {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = (s) => [...s][0] || '';
  return ((parts.length > 1 ? first(parts[0]) + first(parts[parts.length - 1]) : [...(parts[0] || '?')].slice(0, 2).join(''))).toUpperCase();
}
