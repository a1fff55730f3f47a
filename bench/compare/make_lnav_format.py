#!/usr/bin/env python3
"""Writes an lnav format definition that extracts every metric of the benchmark's MetricLogger lines.

The metric names are those `bench/Trainscope.Benchmarks/LogGenerator.cs` writes; each becomes a named capture with a
float value, so lnav's SQL view has one column per metric (and per running average) — lnav doing the same job as
`trainscope analyze`. Usage: make_lnav_format.py OUT.json
"""
import json
import sys

METRICS = ["acc_action_5", "l1_loss_action_5", "acc_action_6", "l1_loss_action_6", "acc_action_7", "l1_loss_action_7",
           "acc_action_8", "l1_loss_action_8", "acc_action_9", "l1_loss_action_9", "closs", "loss_ct", "z_loss",
           "acc_image_8", "acc_image_9", "grad_norm"]
NUMBER = r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?"

pattern = (r"^\[rank(?<rank>\d+):(?<level>\w+)\|(?<src>[^\]]+)\] "
           r"(?<timestamp>\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3}) >> "
           r"Epoch: \[(?<epoch>\d+)\]\s+\[\s*(?<iter>\d+)/(?<iters>\d+)\]\s+eta: (?<eta>\S+)\s+lr: (?<lr>" + NUMBER + ")")
values = {"rank": {"kind": "integer", "identifier": True}, "epoch": {"kind": "integer"}, "iter": {"kind": "integer"},
          "iters": {"kind": "integer"}, "eta": {"kind": "string"}, "lr": {"kind": "float"},
          "src": {"kind": "string"}}
for name in METRICS:
    pattern += rf"\s+{name}: (?<{name}>{NUMBER}) \((?<{name}_avg>{NUMBER})\)"
    values[name] = {"kind": "float"}
    values[name + "_avg"] = {"kind": "float"}
pattern += rf"\s+time: (?<time>{NUMBER})\s+data: (?<data>{NUMBER})\s+samples/sec: (?<samples_sec>{NUMBER})\s+max mem: (?<max_mem>\d+)"
for name in ["time", "data", "samples_sec"]:
    values[name] = {"kind": "float"}
values["max_mem"] = {"kind": "integer"}

sample = ("[rank0:INFO|misc.py:146] 2026-01-05 10:00:01,423 >> Epoch: [0]  [   0/2592]  eta: 0:43:12  lr: 0.000005"
          + "".join(f"  {m}: 0.5000 (0.5000)" for m in METRICS)
          + "  time: 14.5000  data: 0.0008  samples/sec: 0.68  max mem: 15722")
definition = {
    "$schema": "https://lnav.org/schemas/format-v1.schema.json",
    "trainscope_metriclogger": {
        "title": "MetricLogger benchmark lines",
        "description": "DETR-style MetricLogger lines with every metric as a column.",
        "regex": {"line": {"pattern": pattern}},
        "level-field": "level",
        "timestamp-format": ["%Y-%m-%d %H:%M:%S,%L"],
        "value": values,
        "sample": [{"line": sample}],
    },
}
with open(sys.argv[1], "w", encoding="utf-8") as out:
    json.dump(definition, out, indent=2)
