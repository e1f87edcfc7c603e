/** <bs-quiz>: hides the verdicts until the reader has chosen a statement and pressed Check. */
class BsQuiz extends HTMLElement {
  connectedCallback() {
    const form = this.querySelector('form')!;
    const verdicts = this.querySelector('details')!;
    const status = this.querySelector('[role="status"]')!;
    // Without this script the verdicts stay in a <details> the reader may open at any time.
    form.querySelector('button')!.hidden = false;
    verdicts.hidden = true;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const chosen = form.querySelector<HTMLInputElement>('input:checked');
      if (!chosen) {
        status.textContent = 'Choose one statement first.';
        return;
      }
      const n = Number(chosen.value) + 1;
      status.textContent = `${chosen.value === this.dataset.answer ? 'Right' : 'Not quite'}: you chose statement ${n}. Every verdict is below.`;
      for (const li of verdicts.querySelectorAll<HTMLElement>('li')) {
        const mine = li.dataset.i === chosen.value;
        li.classList.toggle('chosen', mine);
        li.querySelector<HTMLElement>('.quiz-mine')!.hidden = !mine;
      }
      verdicts.hidden = false;
      verdicts.open = true;
    });
  }
}

if (!customElements.get('bs-quiz')) customElements.define('bs-quiz', BsQuiz);
