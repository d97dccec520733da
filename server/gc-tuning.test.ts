import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS } from './gc-tuning.ts';

describe('the start flags', () => {
  const scripts = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const startingTheServer = Object.entries(scripts).filter(([, command]) => command.includes('server/main.ts'));

  it('are given by every npm script that starts the server', () => {
    expect(startingTheServer.map(([name]) => name)).toEqual(expect.arrayContaining(['start', 'dev']));
    for (const [name, command] of startingTheServer) {
      for (const flag of SERVER_NODE_FLAGS) expect(command, `npm run ${name}`).toContain(flag);
    }
  });
});
