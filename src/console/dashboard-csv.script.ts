/**
 * CSV export of the dashboard's tables (a piece of dashboard.js): a "Download CSV" button under every table
 * writes what the table shows, header included, as a UTF-8 file (with a byte-order mark, so spreadsheet
 * programs read Chinese right). Cells that a spreadsheet would run as a formula (=, +, -, @) get a leading '.
 */
export const CSV_SCRIPT = `
  function csvCell(text) {
    const value = /^[=+\\-@\\t\\r]/.test(text) && !/^-?\\d+(\\.\\d+)?$/.test(text) ? "'" + text : text;
    return /[",\\n\\r]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
  }

  function tableCsv(table) {
    return Array.from(table.querySelectorAll('tr'))
      .map((tr) => Array.from(tr.querySelectorAll('th, td')).map((cell) => csvCell(cell.textContent.trim())).join(','))
      .join('\\r\\n') + '\\r\\n';
  }

  const period = (new URLSearchParams(location.search).get('from') || '') + '_' + (new URLSearchParams(location.search).get('to') || '');
  document.querySelectorAll('main table').forEach((table, i) => {
    const caption = table.caption ? table.caption.textContent.trim() : 'table ' + (i + 1);
    const name = 'frontdesk-' + (caption.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'table-' + (i + 1)) + (period === '_' ? '' : '-' + period) + '.csv';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'csv';
    button.textContent = 'Download CSV';
    button.dataset.table = caption;
    button.addEventListener('click', () => {
      const url = URL.createObjectURL(new Blob(['\\ufeff' + tableCsv(table)], { type: 'text/csv;charset=utf-8' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    });
    table.after(button);
  });
`;
