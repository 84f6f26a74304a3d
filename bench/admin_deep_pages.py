"""The claims changelist (admin) at increasing depths, with a plain OFFSET and with the
deferred join claims.pages.counting.EstimatingPaginator uses past DEFERRED_FROM rows:
median of `--repeat` in-process requests as a signed-in superuser, DEBUG off.

    DATABASE_URL=… python -m bench.admin_deep_pages --repeat 5
"""

import argparse
import statistics
import time

from bench.setup_django import setup


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pages", default="1,50,500,2000,9000")
    args = parser.parse_args()
    setup(static=True)
    from django.contrib.auth import get_user_model
    from django.test import Client

    from claims.pages import counting

    user, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)

    def median_ms(page: int) -> float:
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            response = client.get("/admin/claims/claim/", {"p": page})
            times.append(time.perf_counter() - started)
            assert response.status_code == 200, (page, response.status_code)
        return statistics.median(times) * 1000

    pages = [int(page) for page in args.pages.split(",")]
    print("claims changelist, median ms by page: " + ", ".join(f"p{p}" for p in pages))
    shipped = counting.DEFERRED_FROM
    for label, deferred_from in [("plain OFFSET", 10**12), ("deferred join", shipped)]:
        counting.DEFERRED_FROM = deferred_from
        print(f"  {label:<14}" + "".join(f"{median_ms(page):9.0f}" for page in pages))


if __name__ == "__main__":
    main()
