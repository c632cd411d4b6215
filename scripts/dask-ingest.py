#!/usr/bin/python3
"""Ingest NDJSON documents into an incidentmap project with Dask distributed (docs/SCALING.md).

Each line of the inputs is one document, as `incidentmap ingest -` reads them: {"text", "id"?, "url"?, "title"?,
"outlet"?, "lang"?, "published"?}. Dask cuts the lines into partitions and each worker runs `incidentmap ingest -`
on its partition, writing into the same project: a PostGIS database, which serialises the batches, so that the
result is the same as one process ingesting everything (merging is a function of the set of readings).

    scripts/dask-ingest.py --into "PG:dbname=events host=db" --workers 4 docs-*.ndjson
    scripts/dask-ingest.py --scheduler tcp://10.0.0.5:8786 --into "PG:..." docs.ndjson   # an existing cluster

Every worker needs incidentmap at the path given by --incidentmap and access to the database. Exit status 0 when every
partition went in, 2 when some documents were refused (each worker's messages are printed), 1 when a worker failed.
"""

import argparse
import subprocess
import sys
import time


def ingest_partition(lines, incidentmap, project, extra):
    lines = [line for line in lines if line.strip()]
    if not lines:
        return [(0, 0, "")]
    done = subprocess.run([incidentmap, "ingest", "-", "--into", project] + extra,
                          input="".join(line if line.endswith("\n") else line + "\n" for line in lines),
                          capture_output=True, text=True)
    return [(done.returncode, len(lines), done.stderr[-4000:])]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+", help="NDJSON files, one document a line")
    parser.add_argument("--into", required=True, help="the project (PG:... for several workers)")
    parser.add_argument("--incidentmap", default="incidentmap", help="the executable on the workers")
    parser.add_argument("--workers", type=int, default=4, help="worker processes of the local cluster")
    parser.add_argument("--partitions", type=int, default=0, help="partitions (default: 4 per worker)")
    parser.add_argument("--scheduler", help="address of a running Dask scheduler instead of a local cluster")
    parser.add_argument("--published", help="publication date for documents without one")
    args = parser.parse_args()

    import dask.bag as db
    from dask.distributed import Client, LocalCluster

    extra = ["--published", args.published] if args.published else []
    started = time.monotonic()
    if args.scheduler:
        client = Client(args.scheduler)
        workers = len(client.scheduler_info()["workers"])
        cluster = None
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
        workers = args.workers
    try:
        lines = db.read_text(args.inputs)
        partitions = args.partitions or 4 * max(1, workers)
        lines = lines.repartition(npartitions=partitions)
        results = lines.map_partitions(ingest_partition, args.incidentmap, args.into, extra).compute()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

    documents = sum(n for _, n, _ in results)
    failed = [r for r in results if r[0] not in (0, 2)]
    refused = [r for r in results if r[0] == 2]
    for code, n, messages in failed + refused:
        sys.stderr.write(f"dask-ingest: a partition of {n} documents exited {code}:\n{messages}\n")
    seconds = time.monotonic() - started
    print(f"dask-ingest: {documents} documents in {len(results)} partitions on {workers} workers into {args.into} "
          f"({seconds:.1f} s); {len(refused)} partitions with refused documents, {len(failed)} failed", file=sys.stderr)
    return 1 if failed else 2 if refused else 0


if __name__ == "__main__":
    sys.exit(main())
