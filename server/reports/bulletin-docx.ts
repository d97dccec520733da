import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import type { Bulletin } from '../../shared/reports/bulletin.ts';

/**
 * The bulletin as a Word document in the usual form of 公文: the title centred in 小标宋,
 * level-one headings in 黑体, the body in 仿宋 三号 with a two-character indent.
 */

const TITLE_FONT = '方正小标宋简体';
const HEADING_FONT = '黑体';
const BODY_FONT = '仿宋_GB2312';
/** 三号 (16 pt) and 二号 (22 pt), in half-points. */
const BODY_SIZE = 32;
const TITLE_SIZE = 44;

const run = (text: string, font: string, size: number) => new TextRun({ text, font: { ascii: font, eastAsia: font, hAnsi: font }, size });

export async function bulletinDocx(b: Bulletin): Promise<Buffer> {
  const body = (text: string) => new Paragraph({ children: [run(text, BODY_FONT, BODY_SIZE)], indent: { firstLine: BODY_SIZE * 20 }, spacing: { line: 560 } });
  const children: Paragraph[] = [new Paragraph({ children: [run(b.title, TITLE_FONT, TITLE_SIZE)], alignment: AlignmentType.CENTER, spacing: { after: 400 } })];
  for (const s of b.sections) {
    children.push(new Paragraph({ children: [run(s.heading, HEADING_FONT, BODY_SIZE)], indent: { firstLine: BODY_SIZE * 20 }, spacing: { before: 200, line: 560 } }));
    for (const p of s.paragraphs) children.push(body(p));
  }
  children.push(new Paragraph({ children: [run('附件：', BODY_FONT, BODY_SIZE)], indent: { firstLine: BODY_SIZE * 20 }, spacing: { before: 400, line: 560 } }));
  b.attachments.forEach((a, i) => children.push(body(`${i + 1}. ${a}`)));
  const doc = new Document({ creator: b.title, title: b.title, sections: [{ children }] });
  return Packer.toBuffer(doc);
}
