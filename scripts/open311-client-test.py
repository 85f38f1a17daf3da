#!/usr/bin/env python3
"""Open311 GeoReport v2 against a live server, through a real client library.

Starts a fresh `fengqiao serve` on 127.0.0.1 with the demo county (no demo cases), then:
- lists the services and reads a service definition with `georeport` (PyPI, a GeoReport v2 client), JSON and XML;
- posts a request form-encoded with `requests`, as the specification says (`georeport` has no call for posting;
  the older `open311` and `three` packages do not run on Python 3);
- reads it back through `georeport` (one request, the filtered list, JSON and XML) and its token;
- checks the errors answer (403 without api_key, 404 for another jurisdiction) and that no personal data comes back.
Prints "N passed, N failed" and exits 1 on any failure.

Usage: scripts/open311-client-test.py --binary .build/debug/fengqiao [--keep]
"""

import argparse
import os
import sys

import requests
from georeport import GeoReport

from serve_process import Checks, DemoServer

JURISDICTION = "339921"
PHONE = "13812341234"


def journey(server, key, c):
    root = server.base_url + "/open311/v2"
    client = GeoReport(root, jurisdiction=JURISDICTION, api_key=key)
    xml_client = GeoReport(root, jurisdiction=JURISDICTION, api_key=key, output_format="xml")

    print("服务列表 / services", flush=True)
    services = client.get_service_list()
    codes = {s["service_code"] for s in services}
    c.check("livelihood.infrastructure" in codes and "livelihood.neighbour" in codes, "services.json lists the catalogue")
    c.check(all(s["type"] == "realtime" and isinstance(s["metadata"], bool) for s in services),
            "every service is realtime with a boolean metadata")
    xml_services = xml_client.get_service_list()
    c.check(len(xml_services) == len(services) and {s["service_code"] for s in xml_services} == codes,
            "services.xml has the same services")
    definition = client.get_service_definition("livelihood.neighbour")
    c.check([a["code"] for a in definition["attributes"]] == ["other_party_name"],
            "the neighbour dispute's definition asks for the other party")
    c.check(xml_client.get_service_definition("livelihood.neighbour")["service_code"] == "livelihood.neighbour",
            "service definition in XML")

    print("提交诉求 / POST requests", flush=True)
    form = {
        "api_key": key, "jurisdiction_id": JURISDICTION, "service_code": "livelihood.neighbour",
        "lat": "29.75", "long": "120.40", "address_string": "桃源镇上坞村村口12号",
        "description": "邻居在公共通道堆放杂物，多次沟通无果。",
        "first_name": "三丰", "last_name": "张", "phone": PHONE, "email": "zhang@example.cn",
        "media_url": "https://photos.example.cn/a.jpg", "attribute[other_party_name]": "李四海",
    }
    posted = requests.post(root + "/requests.json", data=form, timeout=30)
    c.check(posted.status_code == 201, f"POST requests.json answers 201 (got {posted.status_code}: {posted.text[:200]})")
    answer = posted.json()[0]
    request_id, token = answer.get("service_request_id"), answer.get("token")
    c.check(isinstance(request_id, str) and request_id.isdigit() and isinstance(token, str) and len(token) == 10,
            "the answer has service_request_id and token")
    again = requests.post(root + "/requests.json", data=form, timeout=30)
    c.check(again.status_code == 200 and again.json()[0]["service_request_id"] == request_id,
            "the same form again is a retry: same request, 200")

    print("读回 / read back", flush=True)
    one = client.get_service_request(request_id)
    c.check(one["service_request_id"] == request_id and one["status"] == "open"
            and one["service_code"] == "livelihood.neighbour", "GET requests/{id}.json through georeport")
    c.check(one["media_url"] == "https://photos.example.cn/a.jpg", "media_url comes back")
    c.check(one["requested_datetime"].endswith("+08:00"), "requested_datetime is W3C with its offset")
    one_xml = xml_client.get_service_request(request_id)
    c.check(one_xml["service_request_id"] == request_id and one_xml["status"] == "open", "GET requests/{id}.xml")
    listed = client.get_service_requests(service_code="livelihood.neighbour", status="open")
    c.check(any(r["service_request_id"] == request_id for r in listed), "the filtered list holds it")
    by_id = client.get_service_requests(service_request_id=request_id)
    c.check([r["service_request_id"] for r in by_id] == [request_id], "service_request_id overrides the filters")
    closed = client.get_service_requests(status="closed")
    c.check(all(r["service_request_id"] != request_id for r in closed), "status=closed leaves it out")
    listed_xml = xml_client.get_service_requests(service_request_id=request_id)
    c.check(listed_xml["service_request_id"] == request_id if isinstance(listed_xml, dict)
            else [r["service_request_id"] for r in listed_xml] == [request_id], "the list in XML")
    tokens = requests.get(f"{root}/tokens/{token}.json", timeout=30).json()
    c.check(tokens == [{"service_request_id": request_id, "token": token}], "tokens/{token}.json")
    raw = requests.get(f"{root}/requests/{request_id}.json?extensions=true", timeout=30).text
    c.check(all(secret not in raw for secret in [PHONE, "三丰", "李四海", "zhang@example.cn", "上坞村村口12号"]),
            "no personal data in the answer")

    print("错误 / errors", flush=True)
    no_key = requests.post(root + "/requests.json", data={k: v for k, v in form.items() if k != "api_key"}, timeout=30)
    c.check(no_key.status_code == 403 and no_key.json()[0]["code"] == 403, "no api_key: 403 errors answer")
    other = requests.get(root + "/services.json", params={"jurisdiction_id": "110000"}, timeout=30)
    c.check(other.status_code == 404 and set(other.json()[0]) == {"code", "description"}, "another jurisdiction: 404")
    missing = requests.post(root + "/requests.xml", data={"api_key": key, "lat": "29.75", "long": "120.40"}, timeout=30)
    c.check(missing.status_code == 400 and "<errors><error><code>400</code>" in missing.text,
            "no service_code: 400 in XML")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=".build/debug/fengqiao")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    options = parser.parse_args()
    server = DemoServer(os.path.abspath(options.binary), options.keep, "fengqiao-open311-")
    checks = Checks()
    ok = False
    try:
        server.run("migrate")
        seeded = server.run("seed-demo", "--cases", "0")
        keys = [line.strip() for line in seeded.splitlines() if line.strip().startswith("o311_")]
        checks.check(len(keys) == 1, "seed-demo prints one demo Open311 key")
        server.start()
        journey(server, keys[0] if keys else "", checks)
        ok = checks.failed == 0
    except Exception as error:  # a crash is a failure with its reason
        checks.check(False, f"unexpected: {error!r}")
    finally:
        server.stop()
        server.cleanup(ok)
    print(f"{checks.passed} passed, {checks.failed} failed", flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
