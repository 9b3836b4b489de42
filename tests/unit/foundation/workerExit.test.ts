import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { workerExecutor } from '../../../electron/jobs/workerExecutor';
import { CancelToken } from '../../../shared/cancel';
import { errorText } from '../../../shared/errorMessages';
import { ApiError } from '../../../shared/errors';
import { tempDir } from '../../helpers/workspace';

const tmp = tempDir('pwb-worker-exit-');
afterAll(() => tmp.cleanup());

/** A job whose worker thread dies without answering (killed, crashed in native code) is refused in words, not as a stack. */
describe('a job worker that ends without an answer', () => {
  it('is reported with the operation and exit code, in both languages', async () => {
    const worker = join(tmp.dir, 'dies.mjs');
    writeFileSync(worker, 'process.exit(3);\n');
    const e = await workerExecutor(worker, join(tmp.dir, 'ws.sqlite'))
      .run('imports.run', {}, 'tester', new CancelToken(), () => {})
      .then(
        () => null,
        (x: unknown) => x,
      );
    expect(ApiError.is(e)).toBe(true);
    const body = (e as ApiError).body;
    expect(body.code).toBe('INTERNAL');
    expect(errorText(body, 'zh-CN')).toBe('后台任务（导入数据）意外结束（退出码 3），未完成的部分没有保存：请重试；如再次出现，请运行 pwb check 检查工作区');
    expect(errorText(body, 'en')).toBe('The background job (Import a file) ended unexpectedly (exit code 3); what it had not finished was not saved: try again; if it happens again, run pwb check on the workspace');
  });
});
