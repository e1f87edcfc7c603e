// Play / Pause / Step for a figure whose run unfolds over time: one draw per animation frame at most.

/** What the player drives: how far the run goes, how to draw a step, and the frame clock (rAF live, fakes in tests). */
export interface PlayerHost {
  total(): number;
  draw(step: number | undefined): void;
  frame(callback: () => void): number;
  cancel(id: number): void;
  /** True when the reader asked for reduced motion: Play then shows the final state at once. */
  reduced(): boolean;
  /** Told after every change, for the button text and the step counter. */
  changed(playing: boolean, step: number, total: number): void;
}

/** About two seconds at 60 frames a second, however long the run: the stride grows with it. */
export const PLAY_FRAMES = 120;

/** A step stride that walks `total` steps in about PLAY_FRAMES frames. */
export const stride = (total: number): number => Math.max(1, Math.ceil(total / PLAY_FRAMES));

/** A player over a host; `step` undefined means the end of the run (what the page shows at rest). */
export function player(host: PlayerHost) {
  let step: number | undefined;
  let id = 0;
  const at = () => Math.min(step ?? host.total(), host.total());
  const tell = () => host.changed(id !== 0, at(), host.total());
  const stop = () => {
    if (id) host.cancel(id);
    id = 0;
  };
  const tick = () => {
    const total = host.total();
    const next = Math.min(total, at() + stride(total));
    step = next >= total ? undefined : next;
    host.draw(step);
    id = step === undefined ? 0 : host.frame(tick);
    tell();
  };
  return {
    get step() {
      return step;
    },
    get playing() {
      return id !== 0;
    },
    /** From the start (or where it was paused) to the end, one stride a frame; reduced motion jumps to the end. */
    play() {
      stop();
      if (host.reduced()) {
        step = undefined;
        host.draw(step);
        return tell();
      }
      if (at() >= host.total()) step = 0;
      host.draw(step);
      id = host.frame(tick);
      tell();
    },
    pause() {
      stop();
      tell();
    },
    toggle() {
      if (id) this.pause();
      else this.play();
    },
    /** One step on (Play strides; Step shows every step), paused; from the end it starts again at 0. */
    step1() {
      stop();
      const total = host.total();
      const from = at();
      step = from >= total ? 0 : Math.min(total, from + 1);
      if (step >= total) step = undefined;
      host.draw(step);
      tell();
    },
    /** Back to the end of the run, stopped: after Reset. */
    rest() {
      stop();
      step = undefined;
      tell();
    },
  };
}
