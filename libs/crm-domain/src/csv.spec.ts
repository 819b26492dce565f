import { readContactSheet } from './contact-import';
import { parseCsv } from './csv';

describe('parseCsv', () => {
  it('splits plain fields and lines, with the line each record starts on', () => {
    expect(parseCsv('first name,last name\nAbigail,Chen\nBen,Ortiz\n')).toEqual([
      { line: 1, fields: ['first name', 'last name'] },
      { line: 2, fields: ['Abigail', 'Chen'] },
      { line: 3, fields: ['Ben', 'Ortiz'] },
    ]);
  });

  it('reads quoted fields holding commas, doubled quotes and line breaks', () => {
    expect(parseCsv('name,notes\n"Chen, Abigail","Said ""call me"" twice"\n"Multi\nline",x\nlast,row')).toEqual([
      { line: 1, fields: ['name', 'notes'] },
      { line: 2, fields: ['Chen, Abigail', 'Said "call me" twice'] },
      { line: 3, fields: ['Multi\nline', 'x'] },
      { line: 5, fields: ['last', 'row'] },
    ]);
  });

  it('accepts CRLF line ends, a byte order mark and a last line without a line end', () => {
    expect(parseCsv('\uFEFFemail,phone\r\na@b.test,"415 555 0100"\r\nc@d.test,')).toEqual([
      { line: 1, fields: ['email', 'phone'] },
      { line: 2, fields: ['a@b.test', '415 555 0100'] },
      { line: 3, fields: ['c@d.test', ''] },
    ]);
  });

  it('skips blank lines but keeps counting them, and keeps empty fields', () => {
    expect(parseCsv('a,b\n\n\r\n,\nx,,z\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 4, fields: ['', ''] },
      { line: 5, fields: ['x', '', 'z'] },
    ]);
  });

  it('reads an empty text as no records, and a quote inside an unquoted field as text', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('5" tile,ok')).toEqual([{ line: 1, fields: ['5" tile', 'ok'] }]);
  });
});

describe('readContactSheet', () => {
  it('maps columns by tolerant header names, whatever their order, and collects several phone columns', () => {
    const sheet = readContactSheet(parseCsv('E-mail,Surname,First Name,Mobile,Work phone,Tags,Lead source,Stage,Fax\nA@B.test,Chen,Abigail,650 555 0141,650 555 0142,"vip, buyer",Zillow,Past client,x\n'));
    expect(sheet.ignoredHeaders).toEqual(['Fax']);
    expect(sheet.rows).toEqual([
      {
        line: 2,
        problems: [],
        input: { firstName: 'Abigail', lastName: 'Chen', emails: ['A@B.test'], phones: ['650 555 0141', '650 555 0142'], tags: ['vip', 'buyer'], leadSource: 'Zillow', company: null, notes: null, stage: 'past_client' },
      },
    ]);
  });

  it('splits a single name column, and reports an unknown stage', () => {
    const [row] = readContactSheet(parseCsv('Name,Status\nMaria de la Cruz,hot\n')).rows;
    expect(row.input).toMatchObject({ firstName: 'Maria', lastName: 'de la Cruz' });
    expect(row.problems).toEqual(['Stage “hot” is not one of Lead, Client, Past client']);
  });

  it('refuses a sheet without a name column', () => {
    expect(() => readContactSheet(parseCsv('email,phone\na@b.test,1\n'))).toThrow(/First name/);
  });
});
