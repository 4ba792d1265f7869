from . import bench_country, bench_partner  # noqa: F401
