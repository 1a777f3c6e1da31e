/**
 * The module map the code is held to: the parts of src/, their folders, and
 * the imports that must never exist, each with its reason. docs/development.md
 * draws the map and says where the code and the map part ways. eslint.config.js
 * turns every "never" into an error (neverImportConfigs below), and
 * test/lint/module-map.test.ts proves each one fails on a forbidden import.
 */

/** Each part and the folders (ending in /) or files that are it. */
export const parts = {
  Cli: ['src/cli/'],
  Desk: ['src/desk/'],
  Actions: ['src/actions/'],
  Site: ['src/site/'],
  Servers: ['src/preview/', 'src/unsubscribe/'],
  Mail: ['src/mail/'],
  Smtp: ['src/smtp/'],
  Mailbox: ['src/mailbox/'],
  Render: ['src/render/'],
  Submissions: ['src/submissions/'],
  Workspace: ['src/workspace/'],
  Delivery: ['src/delivery/'],
  Issue: ['src/issue/'],
  Orgs: ['src/organisations/'],
  Contacts: ['src/contacts/'],
  Base: ['src/config/', 'src/errors.ts', 'src/output.ts', 'src/schema/', 'src/time/', 'src/fs/'],
};

/** [from, to, why]: `from` never imports `to`, not even a type. */
export const nevers = [
  ['Render', 'Delivery', 'rendering knows nothing of sending'],
  ['Render', 'Smtp', 'rendering loads no SMTP code'],
  ['Render', 'Mail', 'rendering makes no message'],
  ['Delivery', 'Cli', 'the engine is driven, it does not drive'],
  ['Delivery', 'Actions', 'the session is called, it calls no use case'],
  ['Delivery', 'Mail', 'the engine sends pieces it is given; MIME is built elsewhere'],
  ['Delivery', 'Smtp', 'the engine knows SMTP only through its Mailer port'],
  ['Delivery', 'Render', 'the engine never renders; the issue comes prepared'],
  ['Mail', 'Smtp', 'building a message loads no SMTP code'],
  ['Smtp', 'Mail', 'the transport writes the pieces it is given'],
  ['Servers', 'Smtp', 'previewing never touches SMTP'],
  ['Servers', 'Delivery', 'previewing never touches the ledger'],
  ['Site', 'Smtp', 'the website is built from files, never from a mail server'],
  ['Site', 'Delivery', 'the archive reads what was published, not how it was sent'],
  ['Site', 'Contacts', 'the website never reads the mailing list'],
  ['Submissions', 'Delivery', 'importing items knows nothing of sending'],
  ['Issue', 'Render', 'the model does not know its presentation'],
  ['Orgs', 'Issue', 'rotation is pure data: an issue is {id, spotlight}'],
  ['Contacts', 'Delivery', 'the list does not know how it is mailed'],
  ['Base', 'Issue', 'the config is read first and knows no content'],
  ['Base', 'Cli', 'errors carry data; the shell formats and prints them'],
  ['Cli', 'Render', 'the shell renders nothing'],
  ['Cli', 'Mail', 'the shell builds no message'],
  ['Cli', 'Workspace', 'the shell loads no workspace'],
  ['Desk', 'Delivery', 'the desk sends only through actions'],
  ['Desk', 'Smtp', 'the desk sends only through actions'],
  ['Desk', 'Cli', 'two front doors, neither imports the other'],
  ['Cli', 'Desk', 'two front doors, neither imports the other'],
  ['Mailbox', 'Render', 'reading reports renders nothing'],
  ['Site', 'Mailbox', 'the website never reads the mailbox'],
];

/** The ESLint `files` globs of a part. */
function globs(part) {
  return parts[part].map((place) => (place.endsWith('/') ? `${place}**/*.ts` : place));
}

/**
 * A relative import specifier that reaches the folder `src/NAME/` from
 * anywhere in src/: `../NAME/…`, `../../NAME/…`, or `./NAME/…` from a file
 * directly in src/. Every part a never points at is one folder.
 */
function reaching(part) {
  const [place, ...more] = parts[part];
  if (more.length > 0 || !place.endsWith('/')) throw new Error(`${part}: a never may only point at a part that is one folder`);
  const name = place.slice('src/'.length, -1);
  return `^(?:\\./|(?:\\.\\./)+)${name}/`;
}

/**
 * One config block per part that has nevers: `no-restricted-imports` for
 * `import` and `export … from` (types too), and `no-restricted-syntax` for
 * `import()`, which no-restricted-imports does not see.
 */
export function neverImportConfigs() {
  const from = [...new Set(nevers.map(([part]) => part))];
  return from.map((part) => {
    const mine = nevers.filter(([source]) => source === part);
    const message = (to, why) => `${parts[part].join(', ')} never imports ${parts[to].join(', ')}: ${why} (the module map, docs/development.md).`;
    return {
      name: `module-map/${part}`,
      files: globs(part),
      rules: {
        'no-restricted-imports': ['error', { patterns: mine.map(([, to, why]) => ({ regex: reaching(to), message: message(to, why) })) }],
        'no-restricted-syntax': [
          'error',
          ...mine.map(([, to, why]) => ({
            selector: `ImportExpression[source.value=/${reaching(to).replaceAll('/', '\\/')}/]`,
            message: message(to, why),
          })),
        ],
      },
    };
  });
}
