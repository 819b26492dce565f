import { useMutation } from '@apollo/client/react';
import { type ChangeEvent, useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../apollo';
import { type ContactImportReport, type ContactImportStatus, IMPORT_CONTACTS } from '../contacts/queries';
import '../contacts/contacts.css';

/** The api's own limit, checked here first so a big file gets the sentence before it is uploaded. */
const MAX_BYTES = 2 * 1024 * 1024;
const STATUS_LABELS: Record<ContactImportStatus, string> = { CREATED: 'Created', WOULD_CREATE: 'Will be created', DUPLICATE: 'Duplicate', INVALID: 'Needs fixing' };
const EXAMPLE = 'First name,Last name,Email,Phone,Stage,Tags,Lead source\nAbigail,Chen,abigail@example.com,(650) 555-0141,lead,"VIP, buyer",Zillow';

function ImportRows({ report }: { report: ContactImportReport }) {
  return (
    <div className="table-wrap">
      <table className="contacts-table contact-list import-rows" data-testid="import-rows">
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Name</th>
            <th scope="col">Result</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {report.rows.map((row) => (
            <tr key={row.line} data-testid="import-row" data-status={row.status}>
              <td data-label="Line">{row.line}</td>
              <td data-label="Name">{row.status === 'CREATED' && row.contactId ? <Link to={`/contacts/${row.contactId}`}>{row.name}</Link> : row.name}</td>
              <td data-label="Result">
                <span className={`import-status ${row.status}`}>{STATUS_LABELS[row.status]}</span>
              </td>
              <td data-label="Why">
                {row.errors.length > 0 ? (
                  <>
                    <ul className="errors">
                      {row.errors.map((message) => (
                        <li key={message}>{message}</li>
                      ))}
                    </ul>
                    {row.status === 'DUPLICATE' && row.contactId && <Link to={`/contacts/${row.contactId}`}>Open the existing contact</Link>}
                  </>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** /contacts/import: a CSV chosen or pasted, previewed row by row (a dry run), then imported, with the report per row. */
export function ContactImportPage() {
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState('');
  const [problem, setProblem] = useState('');
  const [preview, setPreview] = useState<ContactImportReport | null>(null);
  const [report, setReport] = useState<ContactImportReport | null>(null);
  const [runImport, { loading }] = useMutation<{ importContacts: ContactImportReport }>(IMPORT_CONTACTS);

  const changeText = (text: string) => {
    setCsv(text);
    setPreview(null);
    setReport(null);
    setProblem('');
  };
  const chooseFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setFileName(file.name);
    if (file.size > MAX_BYTES) {
      changeText('');
      setProblem('That file is larger than 2 MB: split it into smaller files and import them one by one.');
      return;
    }
    changeText(await file.text());
  };
  const run = async (dryRun: boolean) => {
    setProblem('');
    try {
      const result = await runImport({ variables: { csv, dryRun }, refetchQueries: dryRun ? [] : ['ContactList'] });
      const answer = result.data?.importContacts ?? null;
      if (dryRun) setPreview(answer);
      else setReport(answer);
    } catch (error) {
      setProblem(errorMessage(error));
    }
  };

  const toCreate = preview?.rows.filter((row) => row.status === 'WOULD_CREATE').length ?? 0;
  const shown = report ?? preview;

  return (
    <section className="page">
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/contacts">Contacts</Link> <span aria-hidden="true">/</span> <span>Import</span>
      </nav>
      <h1>Import contacts</h1>
      <p className="muted">
        A CSV file with a header line: First name (or Name), Last name, Email, Phone, Stage, Tags, Lead source, Company. At most 5,000 contacts and 2 MB. Contacts with a phone or email
        you already have are left out and listed.
      </p>
      {!report && (
        <div className="card import-source">
          <label>
            CSV file
            <input type="file" accept=".csv,text/csv" onChange={(event) => void chooseFile(event)} data-testid="import-file" />
          </label>
          <label>
            Or paste it here
            <textarea value={csv} onChange={(event) => changeText(event.target.value)} placeholder={EXAMPLE} spellCheck={false} data-testid="import-text" />
          </label>
          {fileName && csv && <p className="hint">{fileName} read: check the preview before importing.</p>}
          <div className="import-actions">
            <button type="button" className="button" disabled={!csv.trim() || loading} onClick={() => void run(true)} data-testid="import-preview">
              {loading && !preview ? 'Checking…' : 'Preview'}
            </button>
            <button type="button" className="button primary" disabled={!preview || toCreate === 0 || loading} onClick={() => void run(false)} data-testid="import-run">
              {preview ? `Import ${toCreate} ${toCreate === 1 ? 'contact' : 'contacts'}` : 'Import'}
            </button>
          </div>
        </div>
      )}
      {problem && (
        <p className="form-error" role="alert" data-testid="import-problem">
          {problem}
        </p>
      )}
      {shown && (
        <>
          <h2>{report ? 'Import report' : 'Preview'}</h2>
          <div className="import-summary" role="status" data-testid="import-summary">
            {report ? (
              <strong>
                {report.created} {report.created === 1 ? 'contact' : 'contacts'} created
              </strong>
            ) : (
              <strong>
                {toCreate} {toCreate === 1 ? 'contact' : 'contacts'} will be created
              </strong>
            )}
            <span>{shown.skipped} left out</span>
            {shown.ignoredColumns.length > 0 && <span className="muted">Columns not read: {shown.ignoredColumns.join(', ')}</span>}
          </div>
          <ImportRows report={shown} />
          {report && (
            <div className="import-actions">
              <Link to="/contacts" className="button primary">
                Back to contacts
              </Link>
              <button type="button" className="button" onClick={() => changeText('')}>
                Import another file
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
