#!/usr/bin/env bash
# Prints the ToTA folder (CC BY-NC, read where it lies, never copied into the project):
# $TREATYKB_TOTA, else ../shared/treaty_texts/tota beside the project. Prints nothing if absent.
root=$(cd "$(dirname "$0")/.." && pwd)
for d in "${TREATYKB_TOTA:-}" "$root/../shared/treaty_texts/tota"; do
  if [[ -n "$d" && -d "$d" ]]; then (cd "$d" && pwd); exit 0; fi
done
