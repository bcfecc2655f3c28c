"""Reads the CI recipes under examples/ci/ as YAML and prints, as JSON, what each runs:
{"github-actions.yml": {"commands": [...], "environment": [...]}, "gitlab-ci.yml": {...}}
- GitHub Actions: every step's `run`, and the variables passed with `-e NAME=` or set under `env`;
- GitLab CI: every job's `script`, and its `variables`.
A file that is not valid YAML fails the script."""
import json
import pathlib
import re
import sys

import yaml

folder = pathlib.Path(sys.argv[1])
result = {}

github = yaml.safe_load((folder / "github-actions.yml").read_text(encoding="utf-8"))
commands, environment = [], set()
for job in github["jobs"].values():
    for step in job.get("steps", []):
        if "run" in step:
            commands.append(step["run"])
            environment.update(re.findall(r"-e ([A-Z_]+)=", step["run"]))
result["github-actions.yml"] = {"commands": commands, "environment": sorted(environment)}

gitlab = yaml.safe_load((folder / "gitlab-ci.yml").read_text(encoding="utf-8"))
commands, environment = [], set()
for name, job in gitlab.items():
    if isinstance(job, dict) and "script" in job:
        commands.extend(job["script"])
        environment.update(job.get("variables", {}).keys())
result["gitlab-ci.yml"] = {"commands": commands, "environment": sorted(environment)}

print(json.dumps(result))
