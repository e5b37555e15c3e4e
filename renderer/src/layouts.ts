// The layout buttons of the console and their keyboard shortcuts (1–6), as pure data.
import type { CustomLayout, ProgramScene } from '../../electron/shared/show.js';

export type Corner = 'tl' | 'tr' | 'bl' | 'br';

export interface LayoutChoice {
  id: string;
  label: string;
  key: string;
  /** The preview.setLayout arguments for sources A and B. */
  args(
    a: string | undefined,
    b: string | undefined,
    corner: Corner,
  ): {
    layout: string;
    a?: string;
    b?: string;
    corner?: Corner;
  };
  /** Is this the scene shown (for the pressed state)? */
  matches(scene: ProgramScene, a: string | undefined, b: string | undefined): boolean;
}

const opt = (k: 'a' | 'b', v: string | undefined) => (v === undefined ? {} : { [k]: v });

export function layoutChoices(custom: readonly CustomLayout[]): LayoutChoice[] {
  const two = (layout: string) => (scene: ProgramScene, a?: string, b?: string) =>
    scene.layout === layout && scene.sources[0] === a && scene.sources[1] === b;
  const choices: LayoutChoice[] = [
    {
      id: 'fullA',
      label: 'Full A',
      key: '1',
      args: (a) => ({ layout: 'full', ...opt('a', a) }),
      matches: (s, a) => s.layout === 'full' && s.sources[0] === a,
    },
    {
      id: 'fullB',
      label: 'Full B',
      key: '2',
      args: (_a, b) => ({ layout: 'full', ...opt('a', b) }),
      matches: (s, _a, b) => s.layout === 'full' && s.sources[0] === b,
    },
    {
      id: 'pip',
      label: 'PiP',
      key: '3',
      args: (a, b, corner) => ({ layout: 'pip', ...opt('a', a), ...opt('b', b), corner }),
      matches: two('pip'),
    },
    {
      id: 'sideBySide',
      label: 'Side by side',
      key: '4',
      args: (a, b) => ({ layout: 'sideBySide', ...opt('a', a), ...opt('b', b) }),
      matches: two('sideBySide'),
    },
    {
      id: 'lecture',
      label: 'Lecture',
      key: '5',
      args: (a, b) => ({ layout: 'lecture', ...opt('a', a), ...opt('b', b) }),
      matches: two('lecture'),
    },
  ];
  custom.forEach((l, i) => {
    choices.push({
      id: `custom:${l.id}`,
      label: l.name,
      key: i === 0 ? '6' : '',
      args: (a, b) => ({ layout: l.id, ...opt('a', a), ...opt('b', b) }),
      matches: (s) => s.layout === l.id,
    });
  });
  return choices;
}
