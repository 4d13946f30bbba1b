# The script a user would write instead of smei: the same fixed-base index
# (leaf = 100 * x / x_base, or 100 * x_base / x for direction -1; equal-weight
# arithmetic means up the tree) with pandas, from the same long CSV.
import json
import sys

import pandas as pd

csv_path, framework_path = sys.argv[1], sys.argv[2]
fw = json.load(open(framework_path, encoding="utf-8"))
df = pd.read_csv(csv_path)
base = df[df["year"] == fw["baseYear"]][["unit", "indicator", "value"]].rename(columns={"value": "base"})
df = df.merge(base, on=["unit", "indicator"])
direction = {n["id"]: n.get("direction", 1) for n in fw["nodes"]}
parent = {n["id"]: n.get("parent") for n in fw["nodes"]}
neg = df["indicator"].map(direction) == -1
df["index"] = 100 * df["value"] / df["base"]
df.loc[neg, "index"] = 100 * df.loc[neg, "base"] / df.loc[neg, "value"]
df["module"] = df["indicator"].map(parent)
modules = df.groupby(["unit", "year", "module"])["index"].mean().reset_index()
composite = modules.groupby(["unit", "year"])["index"].mean().reset_index()
composite["rank"] = composite.groupby("year")["index"].rank(ascending=False, method="min")
latest = composite[composite["year"] == composite["year"].max()].sort_values("rank")
for row in latest.head(20).itertuples():
    print(f"{row.unit},{row.index!r}")
