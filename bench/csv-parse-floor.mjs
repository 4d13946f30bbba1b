// The floor: a bare csv-parse stream over the file, counting records with
// on('data'), with the options smei uses. smei cannot read faster than this.
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

const parser = parse({ delimiter: ',', record_delimiter: ['\r\n', '\n', '\r'], relax_column_count: true, skip_empty_lines: true, skip_records_with_empty_values: true, trim: true, bom: true });
let records = 0;
parser.on('data', () => {
  records++;
});
parser.on('end', () => {
  process.stdout.write(`${records}\n`);
});
createReadStream(process.argv[2], { highWaterMark: 1 << 20 }).pipe(parser);
