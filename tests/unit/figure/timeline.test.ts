import { describe, expect, it } from 'vitest';
import { player, stride, PLAY_FRAMES } from '../../../src/figure/timeline.ts';

/** A player over a fake frame clock: frames run only when the test says so. */
function rig(total: number, reduced = false) {
  const queue: (() => void)[] = [];
  const drawn: (number | undefined)[] = [];
  const told: { playing: boolean; step: number }[] = [];
  const p = player({
    total: () => total,
    draw: (s) => void drawn.push(s),
    frame: (f) => queue.push(f),
    cancel: (id) => void (queue[id - 1] = () => undefined),
    reduced: () => reduced,
    changed: (playing, step) => void told.push({ playing, step }),
  });
  const frames = (n: number) => {
    for (let i = 0; i < n && queue.length; i++) queue.shift()!();
  };
  return { p, queue, drawn, told, frames };
}

describe('the timeline player', () => {
  it('plays from the start to the end, one stride and one draw per frame, then stops', () => {
    const r = rig(60);
    r.p.play();
    expect(r.p.playing).toBe(true);
    expect(r.drawn).toEqual([0]);
    r.frames(1000);
    expect(r.p.playing).toBe(false);
    expect(r.p.step).toBeUndefined();
    const steps = r.drawn.slice(1, -1) as number[];
    expect(steps).toEqual(steps.map((_, i) => (i + 1) * stride(60)));
    expect(r.drawn.at(-1)).toBeUndefined();
    expect(r.told.at(-1)).toEqual({ playing: false, step: 60 });
    // One draw per frame: the frames it took are the draws it made, less the first.
    expect(r.drawn.length - 1).toBe(Math.ceil(60 / stride(60)));
  });

  it('walks a long run in about PLAY_FRAMES frames', () => {
    const r = rig(10_000);
    r.p.play();
    r.frames(10 * PLAY_FRAMES);
    expect(r.drawn.length - 1).toBeLessThanOrEqual(PLAY_FRAMES);
  });

  it('pauses where it is and plays on from there', () => {
    const r = rig(60);
    r.p.play();
    r.frames(10);
    r.p.pause();
    const at = r.p.step!;
    expect(at).toBeGreaterThan(0);
    expect(r.p.playing).toBe(false);
    r.frames(10);
    expect(r.p.step).toBe(at);
    r.p.toggle();
    r.frames(1);
    expect(r.p.step).toBe(at + stride(60));
  });

  it('steps one step at a time while paused, even on a long run, and from the end starts again at 0', () => {
    const r = rig(600);
    r.p.step1();
    expect(r.p.step).toBe(0);
    r.p.step1();
    expect(r.p.step).toBe(1);
    expect(r.p.playing).toBe(false);
    expect(r.queue.length).toBe(0);
  });

  it('with reduced motion, Play shows the final state at once and never animates', () => {
    const r = rig(60, true);
    r.p.step1();
    r.p.play();
    expect(r.queue.length).toBe(0);
    expect(r.p.step).toBeUndefined();
    expect(r.drawn.at(-1)).toBeUndefined();
    expect(r.told.at(-1)).toEqual({ playing: false, step: 60 });
  });
});
