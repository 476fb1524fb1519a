// Guards against algorithmic attacks: the time of hostile input relative to ordinary
// input of the same size, measured in this same run. A ratio near 1 means linear work;
// the quadratic HTML scanner this replaced ran ~1000x slower on 200 KB of "<".
import { findArmorBlocks } from '../src/open/armor.js';
import { htmlToPlainText } from '../src/parse/html-text.js';
import { meanMs, type Section } from './report.js';

const SIZE = 1024 * 1024;

export const guards: Section = {
  name: 'guards',
  title: 'hostile input against ordinary input of the same size (linear work stays near 1x)',
  async run(report) {
    const ordinary = '<p>Steps: <b>send</b> the request &amp; watch the log.</p>\n'.repeat(SIZE / 56);
    const cases: Record<string, string> = {
      'html: unclosed "<a"': '<a'.repeat(SIZE / 2),
      'html: unclosed "<!--"': '<!--'.repeat(SIZE / 4),
      'html: unclosed "<script"': '<script>'.repeat(SIZE / 8),
      'html: run of blanks': ' '.repeat(SIZE) + 'x',
      'html: unclosed quotes': '<a title="'.repeat(SIZE / 10),
      'html: tags with quoted ">"': '<a t=">">'.repeat(SIZE / 9),
    };
    const base = meanMs(() => htmlToPlainText(ordinary));
    for (const [name, input] of Object.entries(cases)) {
      const t = meanMs(() => htmlToPlainText(input));
      report.ratio(name, t / base, { baseline: `1 MiB of ordinary HTML: ${base.toFixed(1)} ms`, atMost: 50 });
    }
    const armorBase = meanMs(() => findArmorBlocks(ordinary, 20));
    const armorHostile = meanMs(() => findArmorBlocks('-----BEGIN PGP MESSAGE-----\n'.repeat(SIZE / 28), 20));
    report.ratio('armor: BEGIN lines, no END', armorHostile / armorBase, { baseline: `1 MiB of ordinary text: ${armorBase.toFixed(1)} ms`, atMost: 50 });
  },
};
