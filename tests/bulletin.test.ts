import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import { testConfig } from './support/config.ts';
import { startHall, type TestHall } from './support/harness.ts';

/**
 * The period bulletin (通报, SPEC §12) written from a replayed day through the API, with its
 * figures worked by hand, in Markdown and in Word (read back).
 */

let h: TestHall;
afterEach(async () => {
  await h?.close();
});

/** Word's text, paragraph by paragraph. */
async function docxText(body: Buffer): Promise<string[]> {
  const xml = await (await JSZip.loadAsync(body)).file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
}


describe('the bulletin', () => {
  it('names the departments by cases in order, those without any and how many, the rate, the people received and the rankings', async () => {
    h = await startHall({ config: testConfig((c) => (c.rankings = { ...c.rankings, minVisits: 1 })) });
    const serve = async (window: number, serviceId: string, outcome: string) => {
      const clerk = await h.api.openWindow(window);
      await h.api.issue(serviceId);
      await h.api.post(`/windows/w${window}/call-next`, {}, clerk);
      h.clock.advance(5 * 60_000);
      await h.api.post(`/windows/w${window}/finish`, { outcome }, clerk);
    };
    // 市场监督管理局: 2 受理 + 1 办结 = 3 cases, 1 completed; 自然资源和规划局: 1 办结; 公安局: 1 咨询 (served, no case);
    // 林业局: nothing. Cases 4, completed 2: 50 %. Received 5.
    await serve(1, 'company', 'accepted');
    await serve(1, 'company', 'accepted');
    await serve(1, 'company', 'completed');
    await serve(3, 'property', 'completed');
    await serve(2, 'household', 'consulted');
    const manager = await h.api.login('9001');

    const res = await fetch(`${h.url}/api/reports/bulletin?from=2026-11-26&to=2026-11-26&format=md`, { headers: { authorization: `Bearer ${manager}` } });
    expect(res.headers.get('content-type')).toContain('text/markdown');
    const markdown = await res.text();
    expect(markdown).toContain('# 滨江市政务服务中心运行情况通报（2026年11月26日）');
    expect(markdown).toContain('共进驻部门4个、政务服务事项5项，设窗口20个');
    expect(markdown).toContain('期间共受理办件4件，办结2件，办结率50%；接待群众5人次（5人）');
    expect(markdown).toContain('办件量居前2位的部门依次为：市场监督管理局（3件）、自然资源和规划局（1件）。');
    // 公安局 served a citizen but took no case: among those without, never among the top.
    expect(markdown).toContain('公安局、林业局等2个部门本期无办件。');
    expect(markdown).toMatch(/优秀窗口：1 号窗口 企业开办（综合得分[\d.]+）/);
    expect(markdown).toContain('（一）2个部门本期无办件：公安局、林业局。');

    const docx = await fetch(`${h.url}/api/reports/bulletin?from=2026-11-26&to=2026-11-26&format=docx`, { headers: { authorization: `Bearer ${manager}` } });
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-disposition')).toContain('.docx');
    const paragraphs = await docxText(Buffer.from(await docx.arrayBuffer()));
    expect(paragraphs[0]).toBe('滨江市政务服务中心运行情况通报（2026年11月26日）');
    expect(paragraphs).toContain('一、管理运行情况');
    expect(paragraphs).toContain('办件量居前2位的部门依次为：市场监督管理局（3件）、自然资源和规划局（1件）。');
    expect(paragraphs).toContain('公安局、林业局等2个部门本期无办件。');
    expect(paragraphs.some((p) => p.startsWith('期间共受理办件4件，办结2件，办结率50%'))).toBe(true);
    expect(paragraphs).toContain('附件：');
  });

  it('writes an empty period plainly, and one with no bad reviews; a clerk may not have it', async () => {
    h = await startHall();
    const manager = await h.api.login('9001');
    const res = await h.api.get('/reports/bulletin?from=2026-11-23&to=2026-11-26&format=json', manager);
    expect(res.status).toBe(200);
    const all = res.body.bulletin.sections.flatMap((s: { paragraphs: string[] }) => s.paragraphs).join('\n');
    expect(all).toContain('期间共受理办件0件，办结0件，办结率—；接待群众0人次（0人）');
    expect(all).not.toContain('办件量居前');
    expect(all).toContain('市场监督管理局、公安局、自然资源和规划局、林业局等4个部门本期无办件。');
    expect(all).toContain('不评优秀窗口');
    expect(all).not.toContain('差评');
    expect((await h.api.get('/reports/bulletin?from=2026-11-26&to=2026-11-26', await h.api.login('1005'))).status).toBe(403);
    expect((await h.api.get('/reports/bulletin?from=2026-11-27&to=2026-11-26&format=md', manager)).status).toBe(400);
  });
});
