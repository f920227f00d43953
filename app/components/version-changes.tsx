import type { VersionChange } from "~/domain/version-diff";

/**
 * "Se ændringer": what a version changed against the one before, field by field. A <details>, so it
 * opens without JavaScript; each change is its label over "old → new" so it reads at 390 px.
 */
export function VersionChanges({ version, changes }: { version: number; changes: VersionChange[] | null }) {
  if (!changes) return null;
  return (
    <details className="details version-changes" data-testid={`version-changes-${version}`}>
      <summary className="details-summary">{`Se ændringer i version ${version}`}</summary>
      <div className="details-text">
        {changes.length === 0 ? (
          <p>Ingen ændringer i indholdet i forhold til version {version - 1}.</p>
        ) : (
          <>
            <p className="form-hint">{`I forhold til version ${version - 1}:`}</p>
            <dl className="summary-list document-content">
              {changes.map((c) => (
                <div key={c.key} className="version-change" data-change={c.key}>
                  <dt>{c.label}</dt>
                  {c.kind === "field" ? (
                    <dd className="preserve-lines">
                      <del>
                        <span className="sr-only">Før: </span>
                        {c.before ?? "(tomt)"}
                      </del>
                      <span aria-hidden="true"> → </span>
                      <ins>
                        <span className="sr-only">Nu: </span>
                        {c.after ?? "(tomt)"}
                      </ins>
                    </dd>
                  ) : (
                    <dd>
                      <ul className="version-change-rows">
                        {c.removed.map((row, i) => (
                          <li key={`r${i}`}>
                            <del>
                              <span className="version-change-tag">Fjernet: </span>
                              {row}
                            </del>
                          </li>
                        ))}
                        {c.added.map((row, i) => (
                          <li key={`a${i}`}>
                            <ins>
                              <span className="version-change-tag">Tilføjet: </span>
                              {row}
                            </ins>
                          </li>
                        ))}
                      </ul>
                    </dd>
                  )}
                </div>
              ))}
            </dl>
          </>
        )}
      </div>
    </details>
  );
}
