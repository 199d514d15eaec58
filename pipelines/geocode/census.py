"""A small client for the US Census Bureau geocoder (street addresses; geopy has none).

Single line: GET {base}/geocoder/locations/onelineaddress?address=...&benchmark=...&format=json
Batch: POST {base}/geocoder/locations/addressbatch (multipart CSV: id,street,city,state,zip);
each answer line is "id","input","Match"|"No_Match"|"Tie","Exact"|"Non_Exact","matched","lon,lat",...
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections.abc import Iterable
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

from geopy.exc import GeocoderServiceError

from pipelines.geocode.resolve import GeoResult


class CensusGeocoder:
    DEFAULT_URL = "https://geocoding.geo.census.gov"
    name = "census"
    attribution = "US Census Bureau Geocoder (public domain)"

    def __init__(self, base_url: str = DEFAULT_URL, *, user_agent: str,
                 benchmark: str = "Public_AR_Current", timeout: float = 10.0) -> None:
        if not base_url.startswith(("http://", "https://")):
            raise ValueError(f"census base_url must be http(s), got {base_url!r}")
        self.base_url = base_url.rstrip("/")
        self.user_agent = user_agent
        self.benchmark = benchmark
        self.timeout = timeout

    def _open(self, request: Request) -> bytes:
        request.add_header("User-Agent", self.user_agent)
        try:
            with urlopen(request, timeout=self.timeout) as response:  # noqa: S310 (http(s) checked)
                return response.read()
        except (HTTPError, URLError, TimeoutError, OSError) as exc:
            raise GeocoderServiceError(f"census geocoder: {exc}") from exc

    def lookup(self, text: str) -> GeoResult:
        query = urlencode({"address": text, "benchmark": self.benchmark, "format": "json"})
        body = self._open(Request(f"{self.base_url}/geocoder/locations/onelineaddress?{query}"))
        try:
            matches = json.loads(body)["result"]["addressMatches"]
        except (ValueError, KeyError, TypeError) as exc:
            raise GeocoderServiceError(f"census geocoder: unexpected answer: {exc}") from exc
        if not matches:
            return GeoResult(source=self.name)
        best = matches[0]
        parts = best.get("addressComponents") or {}
        return GeoResult(float(best["coordinates"]["y"]), float(best["coordinates"]["x"]),
                         "address", best.get("matchedAddress", text), self.name,
                         parts.get("state") or None, "US", parts.get("zip") or None)

    def lookup_batch(self, rows: Iterable[tuple[str, str, str, str, str]]) -> dict[str, GeoResult]:
        """Geocode up to 10,000 (id, street, city, state, zip) rows in one request."""
        upload = io.StringIO()
        csv.writer(upload).writerows(rows)
        boundary = uuid.uuid4().hex
        body = (
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"benchmark\"\r\n\r\n"
            f"{self.benchmark}\r\n--{boundary}\r\nContent-Disposition: form-data; "
            f"name=\"addressFile\"; filename=\"addresses.csv\"\r\nContent-Type: text/csv\r\n\r\n"
            f"{upload.getvalue()}\r\n--{boundary}--\r\n"
        ).encode()
        request = Request(f"{self.base_url}/geocoder/locations/addressbatch", data=body,
                          method="POST")
        request.add_header("Content-Type", f"multipart/form-data; boundary={boundary}")
        results: dict[str, GeoResult] = {}
        for line in csv.reader(io.StringIO(self._open(request).decode("utf-8", "replace"))):
            if not line:
                continue
            if len(line) >= 6 and line[2] == "Match" and "," in line[5]:
                lon, lat = (float(v) for v in line[5].split(","))
                results[line[0]] = GeoResult(lat, lon, "address", line[4], self.name,
                                             country="US")
            else:
                results[line[0]] = GeoResult(source=self.name)
        return results
