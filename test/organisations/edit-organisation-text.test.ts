import { describe, expect, it } from 'vitest';
import { editOrganisationText, organisationFieldsOf } from '../../src/organisations/edit-organisation-text.js';
import { organisationFieldLines } from '../../src/organisations/organisation-field-lines.js';

const FILE = `# The network's members.
organisations:
  # Ask Jo before changing this one.
  - id: aberlour
    name: Aberlour   # as on their letters
    description: >-
      Family support in
      Glasgow.
    services: peer support
    self_referral: true

  - id: addaction
    name: Addaction
`;

describe('editOrganisationText', () => {
  it('changes only the lines of the fields asked, comments and other lines byte for byte', () => {
    const result = editOrganisationText(FILE, 'aberlour', { phone: '0141 496 0000', services: 'peer support, infant massage', reviewed: '2026-12-07' });
    expect(result).toBe(`# The network's members.
organisations:
  # Ask Jo before changing this one.
  - id: aberlour
    name: Aberlour   # as on their letters
    description: >-
      Family support in
      Glasgow.
    services: [peer support, infant massage]
    self_referral: true
    phone: 0141 496 0000
    reviewed: 2026-12-07

  - id: addaction
    name: Addaction
`);
  });

  it('writes nothing for fields that read the same, however they are written', () => {
    expect(editOrganisationText(FILE, 'aberlour', { services: ' peer support ', self_referral: 'yes', spotlight: '', name: 'Aberlour' })).toBe(FILE);
  });

  it('reads a self-referral of True or NO as the editor shows it (yes, no), never as more than was asked', () => {
    expect(editOrganisationText(FILE, 'aberlour', { self_referral: 'TRUE' })).toBe(FILE);
    expect(editOrganisationText(FILE, 'addaction', { self_referral: 'True' })).toBe(
      FILE.replace('    name: Addaction\n', '    name: Addaction\n    self_referral: yes\n'),
    );
    expect(editOrganisationText(FILE, 'aberlour', { self_referral: ' NO ' })).toBe(FILE.replace('self_referral: true', 'self_referral: no'));
  });

  it('takes an organisation out of the rotation with spotlight: false, and back by removing it', () => {
    const out = editOrganisationText(FILE, 'addaction', { spotlight: 'false' });
    expect(out).toBe(FILE.replace('    name: Addaction\n', '    name: Addaction\n    spotlight: false\n'));
    expect(editOrganisationText(out, 'addaction', { spotlight: '' })).toBe(FILE);
  });

  it('rewrites a Markdown field as the yaml package writes it, so it reads back as typed', () => {
    const out = editOrganisationText(FILE, 'aberlour', { description: 'Line one: *peer* support.\n\n"Quoted" line two.' });
    expect(organisationFieldsOf(out, 'aberlour')?.description).toBe('Line one: *peer* support.\n\n"Quoted" line two.');
    expect(out).toContain('  # Ask Jo before changing this one.\n');
    expect(out.endsWith('  - id: addaction\n    name: Addaction\n')).toBe(true);
  });

  it('keeps Windows line ends', () => {
    const crlf = FILE.replace(/\n/gu, '\r\n');
    const out = editOrganisationText(crlf, 'addaction', { cost: 'Free' });
    expect(out).toBe(crlf.replace('    name: Addaction\r\n', '    name: Addaction\r\n    cost: Free\r\n'));
  });

  it('refuses an organisation that is not in the file', () => {
    expect(() => editOrganisationText(FILE, 'nobody', { cost: 'Free' })).toThrow('no organisation nobody');
  });
});

describe('organisationFieldLines', () => {
  it('places each line on its organisation and field', () => {
    const at = organisationFieldLines(FILE);
    expect(at(5)).toEqual({ id: 'aberlour', field: 'name' });
    expect(at(7)).toEqual({ id: 'aberlour', field: 'description' });
    expect(at(13)).toEqual({ id: 'addaction', field: 'name' });
    expect(at(1)).toBeUndefined();
  });
});
