// node:test reporter printing the suites' format: one "PASS: js/<file>/<test>" or
// "FAIL: js/<file>/<test>" line per test, with the failure's message and a short stack.
// Usage: node --test --test-reporter=./tests/tools/node-test-reporter.mjs tests/js/
import path from 'node:path';

const name = (data) => {
  const file = data.file ? path.basename(data.file).replace(/\.test\.mjs$/, '') : '?';
  return `js/${file}/${data.name}`;
};

export default async function* reporter(source) {
  for await (const { type, data } of source) {
    if (type === 'test:pass' && !data.skip && !data.todo) {
      yield `PASS: ${name(data)}\n`;
    } else if (type === 'test:fail') {
      const err = data.details?.error;
      const cause = err?.cause ?? err;
      const text = String(cause?.stack ?? cause?.message ?? cause ?? 'failed').split('\n').slice(0, 12);
      yield `FAIL: ${name(data)}\n${text.map((l) => '    ' + l).join('\n')}\n`;
    } else if (type === 'test:stderr' || type === 'test:stdout') {
      yield data.message;
    }
  }
}
