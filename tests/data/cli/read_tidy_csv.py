"""Reads the tidy CSV tables of `treatykb analyze --format csv -o DIR/` with Python's csv module
and converts every field to the type docs/schema/analysis.schema.json gives its column: integer
-> int, number -> float, boolean -> bool ("true"/"false"), empty -> None where null is allowed.
Prints one line per table ("findings 12 rows 19 columns") and exits 1 on the first field that does
not convert. Usage: read_tidy_csv.py SCHEMA DIR [TABLE...]"""
import csv
import json
import sys


def column_types(schema, table):
    properties = schema["properties"]["tables"]["properties"][table]["items"]["properties"]
    types = {}
    for name, spec in properties.items():
        if "$ref" in spec:
            spec = schema["$defs"][spec["$ref"].split("/")[-1]]
        kind = spec.get("type", "string")
        types[name] = kind if isinstance(kind, list) else [kind]
    return types


def convert(text, kinds):
    if text == "" and "null" in kinds:
        return None
    if "integer" in kinds:
        return int(text)
    if "number" in kinds:
        return float(text)
    if "boolean" in kinds:
        if text not in ("true", "false"):
            raise ValueError("not a boolean: %r" % text)
        return text == "true"
    return text


def main():
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    folder = sys.argv[2]
    tables = sys.argv[3:] or list(schema["properties"]["tables"]["properties"])
    for table in tables:
        types = column_types(schema, table)
        with open("%s/%s.csv" % (folder, table), newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames != list(types):
                print("%s: columns %s, schema %s" % (table, reader.fieldnames, list(types)))
                return 1
            rows = 0
            for row in reader:
                rows += 1
                for name, text in row.items():
                    try:
                        value = convert(text, types[name])
                    except ValueError as error:
                        print("%s row %d column %s: %s" % (table, rows, name, error))
                        return 1
                    if isinstance(value, float) and len(text.split(".")[-1]) > 6 and "." in text:
                        print("%s row %d column %s: %s has more than six decimals" % (table, rows, name, text))
                        return 1
        print("%s %d rows %d columns" % (table, rows, len(types)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
