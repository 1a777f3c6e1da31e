import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeCsvBytes } from '../../src/contacts/decode-csv-bytes.js';
import { parseMembers } from '../../src/contacts/parse-members.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/csv');
const ORGANISATIONS = new Set(['aberlour', '3d-drumchapel']);

interface Expected {
  /** What the file is and why it is awkward. */
  what: string;
  /** The members read, as `email|name|organisation|lists`. */
  members: string[];
  /** Every problem, as `line:severity:text the message contains`. */
  problems: string[];
  delimiter?: string;
  newline?: string;
}

/** Every file in test/fixtures/csv, read the way `contacts import` reads a file. */
const CASES: Record<string, Expected> = {
  'excel-utf8-bom-semicolon-crlf.csv': {
    what: 'Excel "CSV UTF-8" in a locale with decimal commas: BOM, ";" and CRLF; a quoted ";" in a name',
    members: [
      'aileen.macleod@example.org|Aileen MacLeod|aberlour|members,managers',
      'siobhan@example.org|Siobhán Ó Briain|3d-drumchapel|members',
      'priya@example.org|Sharma; Priya||members',
    ],
    problems: [],
    delimiter: ';',
    newline: '\r\n',
  },
  'excel-mac-cr-only.csv': {
    what: 'Excel "CSV (Macintosh)": CR-only line ends',
    members: ['jamie@example.net|Jamie Robertson|aberlour|members', 'morag@example.org|Morag Example||members'],
    problems: [],
    newline: '\r',
  },
  'outlook-contacts-export.csv': {
    what: 'Outlook export: every field quoted, 22 columns mostly empty, First/Last Name, "E-mail Address", a contact without email, an Exchange X.500 address, a note with a line break',
    members: [
      'Aileen.MacLeod@example.org|Aileen MacLeod|Aberlour|',
      'kirsty.bell@example.net|Kirsty Bell|Home-Start Glasgow North|',
      'ross.duncan@example.org|Ross Duncan||',
    ],
    problems: [
      '2:warning:organisation "Aberlour" is not an id',
      '3:error:the email address is missing',
      '4:warning:organisation "Home-Start Glasgow North" is not an id',
      '6:error:"/o=ExchangeLabs/ou=Exchange Administrative Group/cn=Recipients/cn=abc123" is an Exchange (X.500) address',
    ],
  },
  'google-contacts-export.csv': {
    what: 'Google Contacts export: "E-mail 1 - Value", "Organization Name", a contact with a phone only, doubled quotes',
    members: ['lorna.fraser@example.org|Lorna Fraser|Aberlour|', 'fiona.kerr@example.net|Fiona Kerr||'],
    problems: ['2:warning:organisation "Aberlour" is not an id', '3:error:the email address is missing'],
  },
  'google-form-signup.csv': {
    what: 'sign-up form spreadsheet: Timestamp first, "Email Address", "Your name", the same person twice in different case, a typo',
    members: ['new.member@example.org|New Member|aberlour|'],
    problems: ['3:warning:already listed on line 2', '4:error:"not an address" is not an email address'],
  },
  'quoted-commas-and-line-breaks.csv': {
    what: 'quoted fields holding commas and line breaks; the row after them still gets its own line number',
    members: [
      'a@example.org|MacLeod, Aileen|aberlour|members',
      'b@example.org|Robertson,\nJamie|aberlour|members,managers',
      'c@example.org|Three\nline\nname||members',
    ],
    problems: ['8:error:"not-valid" is not an email address'],
  },
  'blank-trailing-lines.csv': {
    what: 'blank lines, a line of empty cells (",,,") and a line of spaces at the end, as spreadsheets leave them',
    members: ['a@example.org|A||members', 'b@example.org|B||members'],
    problems: [],
    newline: '\r\n',
  },
  'blank-lines-between-rows.csv': {
    what: 'blank lines between rows: line numbers after them must still be right',
    members: ['a@example.org|A||members', 'c@example.org|C||members'],
    problems: ['5:error:"bad-address" is not an email address'],
  },
  'duplicates-different-case.csv': {
    what: 'the same address three times in different case and with spaces',
    members: ['Jamie.Robertson@example.net|Jamie||members', 'other@example.org|Other||members'],
    problems: ['4:warning:already listed on line 2', '5:warning:already listed on line 2'],
  },
  'invalid-addresses.csv': {
    what: 'addresses that are not: no @, two @, a space, a hyphen-led label, "..", no dot, missing, an underscore in the domain',
    members: ['good@example.org|H||'],
    problems: [
      '2:error:"no-at-sign.example.org"',
      '3:error:"two@@example.org"',
      '4:error:"space in@example.org"',
      '5:error:"x@-bad.example"',
      '6:error:"x@example..org"',
      '7:error:"x@localhost"',
      '8:error:the email address is missing',
      '10:error:"x@exa_mple.org"',
    ],
  },
  'international-domains.csv': {
    what: 'international (IDN) domains in Unicode and in punycode, an accented local part, a broken IDN',
    members: ['anna@bücher.example|Anna||', 'info@例え.テスト|Info||', 'punycode@xn--bcher-kva.example|Puny||', 'José.Núñez@ejemplo.es|José||'],
    problems: ['5:error:"bad@bü cher.example"'],
  },
  'unknown-organisation.csv': {
    what: 'an organisation id that is not in organisations.yaml, and one written as a name',
    members: ['a@example.org|A|aberlour|members', 'b@example.org|B|no-such-org|members', 'c@example.org|C|Aberlour|members'],
    problems: ['3:warning:organisation "no-such-org" is not an id', '4:warning:organisation "Aberlour" is not an id'],
  },
  'header-only.csv': {
    what: 'a header and nothing else (with BOM and CRLF)',
    members: [],
    problems: [],
  },
  'empty.csv': {
    what: 'an empty file',
    members: [],
    problems: ['1:error:the file is empty'],
  },
  'missing-email-column.csv': {
    what: 'no column for the address',
    members: [],
    problems: ['1:error:no email column in the header'],
  },
  'unbalanced-quote.csv': {
    what: 'a quote opened on line 3 and never closed',
    members: [],
    problems: ['3:error:a quote (") opened in this row is never closed'],
  },
  'crlf-inside-quotes-in-lf-file.csv': {
    what: 'an LF file whose quoted field holds a CRLF (csv-parse counts it as two lines)',
    members: ['a@example.org|Two\r\nlines||members', 'b@example.org|B||members'],
    problems: ['6:error:"broken" is not an email address'],
  },
  'windows-1252-excel.csv': {
    what: 'Excel plain "CSV (Comma delimited)": Windows-1252, not UTF-8',
    members: ['siobhan@example.org|Siobhán Ó Briain|aberlour|'],
    problems: [],
  },
  'outlook-windows-1252.csv': {
    what: 'Outlook export in Windows-1252 with ’ “ ” – in names and companies; an address only in "E-mail 2 Address" or "E-mail 3 Address"; X.500 entries with and without an SMTP address beside them',
    members: [
      'siobhan.ohare@example.org|Siobhan O’Hare|Barnardo’s Nurture|',
      'mags.doyle@example.net|Margaret “Mags” Doyle|Home–Start Glasgow North|',
      'fiona.reid@example.org|Fiona Reid|Aberlour|',
      'ross.duncan@example.org|Ross Duncan||',
    ],
    problems: [
      '2:warning:organisation "Barnardo’s Nurture" is not an id',
      '3:warning:organisation "Home–Start Glasgow North" is not an id',
      '4:error:is an Exchange (X.500) address',
      '5:warning:organisation "Aberlour" is not an id',
    ],
  },
  'excel-unicode-text-utf16.csv': {
    what: 'Excel "Unicode Text": UTF-16 with BOM, tab-separated',
    members: ['ciaran@example.org|Ciarán Ó Dónaill||'],
    problems: [],
    delimiter: '\t',
  },
  'header-wordings.csv': {
    what: 'header words in other case and wording (E-MAIL_ADDRESS*, Full Name:, ORGANIZATION, Mailing Lists); mailto: and Name <address> cells',
    members: ['Someone@example.org|Someone|aberlour|members,managers', 'jo@example.org|Jo Bloggs||members'],
    problems: [],
    delimiter: ';',
  },
  'stray-quote-in-unquoted-field.csv': {
    what: 'a quote inside an unquoted field (O"Connor) is kept, not an error',
    members: ['oconnor@example.org|Sinéad O"Connor||', 'b@example.org|B||'],
    problems: [],
  },
};

function read(name: string) {
  return parseMembers(decodeCsvBytes(readFileSync(join(FIXTURES, name)), name).text, name, { organisationIds: ORGANISATIONS });
}

describe('members CSV fixtures', () => {
  it('has a case for every fixture file, and at least 15 of them', () => {
    const files = readdirSync(FIXTURES)
      .filter((file) => file.endsWith('.csv'))
      .sort();
    expect(files).toEqual(Object.keys(CASES).sort());
    expect(files.length).toBeGreaterThanOrEqual(15);
  });

  for (const [name, expected] of Object.entries(CASES)) {
    it(`${name}: ${expected.what}`, () => {
      const parsed = read(name);
      expect(parsed.members.map((m) => [m.email, m.name ?? '', m.organisation ?? '', m.lists.join(',')].join('|'))).toEqual(expected.members);
      expect(parsed.problems.map((p) => ({ at: `${p.line}:${p.severity}`, message: p.message }))).toEqual(
        expected.problems.map((problem) => {
          const [line, severity, ...text] = problem.split(':');
          return { at: `${line}:${severity}`, message: expect.stringContaining(text.join(':')) };
        }),
      );
      if (expected.delimiter) expect(parsed.csv.delimiter).toBe(expected.delimiter);
      if (expected.newline) expect(parsed.csv.newline).toBe(expected.newline);
    });
  }
});
