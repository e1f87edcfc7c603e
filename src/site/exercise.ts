import { judge } from './answer.ts';

/** <bs-exercise>: checks a typed numeric answer; without this script the answer sits in a <details> as before. */
class BsExercise extends HTMLElement {
  connectedCallback() {
    const form = this.querySelector('form')!;
    const input = form.querySelector('input')!;
    const status = form.querySelector('[role="status"]')!;
    form.hidden = false;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      status.textContent = judge(input.value, Number(this.dataset.answer), Number(this.dataset.tolerance)).message;
    });
  }
}

if (!customElements.get('bs-exercise')) customElements.define('bs-exercise', BsExercise);
