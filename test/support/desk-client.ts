import { request } from 'node:http';
import type { EditorModel } from '../../src/desk/editor-model.js';
import type { DeskHandle } from '../../src/desk/start-desk.js';
import { ITEM_SECTIONS } from '../../src/issue/issue.js';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A plain HTTP client of a desk running in this process, as a browser on 127.0.0.1 would call it. */
export function deskClient(desk: () => DeskHandle) {
  const call = (path: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const { port } = desk();
      const req = request(
        { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: { Host: `127.0.0.1:${port}`, ...options.headers } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        },
      );
      req.on('error', reject);
      req.end(options.body);
    });
  /** The cookie the desk sets when its printed address is opened. */
  const signIn = async (): Promise<string> => String((await call(`/?token=${desk().token}`)).headers['set-cookie']).split(';')[0]!;
  const origin = (): string => `http://127.0.0.1:${desk().port}`;
  /** A form posted as a browser posts it, from the desk's own page unless `from` says otherwise; `headers` adds to the browser's. */
  const post = (path: string, form: URLSearchParams, cookie: string, from = origin(), headers: Record<string, string> = {}): Promise<Answer> =>
    call(path, {
      method: 'POST',
      headers: { Cookie: cookie, Origin: from, 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      body: form.toString(),
    });
  /** A file sent as a browser's file input sends it (multipart/form-data). */
  const upload = async (path: string, name: string, bytes: Buffer, cookie: string): Promise<Answer> => {
    const form = new FormData();
    form.set('file', new File([bytes], name));
    const encoded = new Request('http://desk.invalid/', { method: 'POST', body: form });
    return call(path, {
      method: 'POST',
      headers: { Cookie: cookie, Origin: origin(), 'Content-Type': encoded.headers.get('content-type')! },
      body: Buffer.from(await encoded.arrayBuffer()),
    });
  };
  return { call, signIn, post, upload };
}

/** The editor's form as a browser posts it. */
export function formOf(model: EditorModel, version: string, action = 'save'): URLSearchParams {
  const form = new URLSearchParams({ version, action, intro: model.intro, ...model.fields });
  for (const section of ITEM_SECTIONS) {
    model.sections[section].forEach((item, index) => {
      form.set(`${section}.${index}.origin`, item.origin === undefined ? 'new' : String(item.origin));
      for (const [name, value] of Object.entries(item.fields)) form.set(`${section}.${index}.${name}`, value);
    });
  }
  return form;
}
