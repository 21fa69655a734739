/**
 * "Export CSV", with the choice of columns: Octopus's seventeen by default, as Octopus's own export; DORA
 * Lens's own (exact seconds, how each deployment counted, rework) after them when asked for. Used by the
 * panel and the report (the popup's quick export keeps Octopus's set).
 */
export interface ExportCsvProps {
  /** Prefix of the controls' ids and test ids (`panel`, `report`, `popup`). */
  id: string;
  ours: boolean;
  onOurs: (ours: boolean) => void;
  onExport: () => void;
  disabled?: boolean;
  primary?: boolean;
}

export function ExportCsv({ id, ours, onOurs, onExport, disabled, primary = true }: ExportCsvProps) {
  return (
    <span class="export-csv no-print">
      <button type="button" class={primary ? 'button-primary' : undefined} onClick={onExport} disabled={disabled} data-testid="export-csv">
        Export CSV
      </button>
      <label title="Octopus’s seventeen columns come first either way">
        <input type="checkbox" id={`${id}-csv-ours`} checked={ours} onChange={(e) => onOurs(e.currentTarget.checked)} data-testid="csv-ours" /> with DORA Lens’s columns
      </label>
    </span>
  );
}
