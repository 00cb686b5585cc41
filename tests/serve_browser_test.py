#!/usr/bin/env python3
"""serve_browser_test.py: the page `refparse serve` answers at /, in a real
browser (headless Chromium through Selenium; TAP).

usage: serve_browser_test.py REFPARSE OUTDIR

Pastes three references, presses Parse, checks that each record shows its
fields highlighted on the original text (title, journal, DOI ...) and its
repairs, downloads CSL-JSON, BibTeX and RIS and compares each with
`refparse parse` (--to bibtex, --to ris; the first BibTeX entry exactly), saves
OUTDIR/serve-page.png, then drops a JSON Lines file on the page. Skips when the binary was built without serve
or when chromium, chromium-driver or python3-selenium is missing.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Tap  # noqa: E402
from serve_test import BOOK, CHAPTER, MURRY, Server, cli_bytes, has_serve  # noqa: E402

# MURRY as `refparse parse --to bibtex` writes it: key, "et al." as "and
# others", the expanded page range with BibTeX's "--", the DOI.
FIRST_BIBTEX = """@article{murry2004haematopoietic,
  author = {Murry, C. E. and Soonpaa, M. H. and Reinecke, H. and others},
  title = {Haematopoietic stem cells do not transdifferentiate into cardiac myocytes in \
myocardial infarcts},
  journal = {Nature},
  year = {2004},
  volume = {428},
  number = {6983},
  pages = {664--668},
  doi = {10.1038/nature02446},
}"""


def find(*names):
    for n in names:
        p = shutil.which(n) or (n if os.path.exists(n) else None)
        if p:
            return p
    return None


def fold(s):
    """The library's quote and dash unification, for comparing a highlight
    (original text) with its field value."""
    return s.replace("\u2019", "'").replace("\u2013", "-")


def main():
    exe, outdir = sys.argv[1], sys.argv[2]
    if not has_serve(exe):
        print("1..0 # SKIP refparse built without serve (libmicrohttpd not found)")
        return 0
    chromium = find("chromium", "/usr/bin/chromium", "chromium-browser")
    driver = find("chromedriver", "/usr/bin/chromedriver")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import WebDriverWait
    except ImportError:
        webdriver = None
    if not (chromium and driver and webdriver):
        print("1..0 # SKIP needs chromium, chromium-driver and python3-selenium")
        return 0

    t = Tap()
    refs = [MURRY, CHAPTER, BOOK]
    want = [json.loads(x) for x in subprocess.run(
        [exe, "parse"], input="\n".join(refs).encode() + b"\n", capture_output=True,
        check=True).stdout.decode().splitlines()]
    downloads = tempfile.mkdtemp(prefix="serve-dl-")
    srv = Server(exe, "--threads", "2")
    browser = None
    try:
        opts = webdriver.ChromeOptions()
        opts.binary_location = chromium
        for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--window-size=1280,1100"):
            opts.add_argument(a)
        opts.add_experimental_option("prefs", {
            "download.default_directory": downloads, "download.prompt_for_download": False})
        browser = webdriver.Chrome(service=Service(driver), options=opts)
        # headless Chromium saves downloads only where it is told to
        browser.execute_cdp_cmd("Page.setDownloadBehavior",
                                {"behavior": "allow", "downloadPath": downloads})
        wait = WebDriverWait(browser, 20)
        browser.get(f"http://127.0.0.1:{srv.port}/")
        t.eq(browser.title, "refparse", "the page loads")
        box = browser.find_element(By.ID, "input")
        box.send_keys("\n".join(refs))
        t.ok(browser.find_element(By.ID, "dl-csl-json").get_attribute("disabled"),
             "download is disabled before parsing")
        browser.find_element(By.ID, "parse").click()
        wait.until(lambda b: len(b.find_elements(By.CSS_SELECTOR, ".rec")) == 3)
        recs = browser.find_elements(By.CSS_SELECTOR, ".rec")
        t.eq(len(recs), 3, "three records shown")
        for rec, ref, item in zip(recs, refs, want):
            marks = {}
            for m in rec.find_elements(By.CSS_SELECTOR, ".text mark"):
                marks.setdefault(m.get_attribute("data-field"), []).append(m.text)
            t.eq(rec.find_element(By.CSS_SELECTOR, ".text").text, ref,
                 f"record shows the original text ({ref[:25]}...)")
            # the highlight is the original text; the value is normalized
            for f in ("title", "container-title", "publisher", "DOI", "volume"):
                if f in item:
                    shown = "".join(marks.get(f, []))
                    t.ok(shown in ref and fold(shown) == item[f],
                         f"{f} highlighted on the text ({ref[:25]}...)",
                         diag=f"{shown!r} vs {item[f]!r}")
            t.ok(item["author"][0]["family"] in marks.get("author", []),
                 f"first author highlighted ({ref[:25]}...)")
        repairs = [li.text for li in recs[0].find_elements(By.CSS_SELECTOR, ".repairs li")]
        t.eq(repairs, ["page-expanded 664-8 \u2192 664-668"], "repairs listed before \u2192 after")
        t.ok(not any(browser.find_element(By.ID, f"dl-{f}").get_attribute("disabled")
                     for f in ("csl-json", "bibtex", "ris")),
             "CSL-JSON, BibTeX and RIS buttons enabled after parsing")
        browser.save_screenshot(os.path.join(outdir, "serve-page.png"))
        t.ok(os.path.getsize(os.path.join(outdir, "serve-page.png")) > 10000,
             "screenshot saved: serve-page.png")

        def download(button, name):
            browser.find_element(By.ID, button).click()
            path = os.path.join(downloads, name)
            deadline = time.time() + 15
            while time.time() < deadline and not os.path.exists(path):
                time.sleep(0.1)
            if not os.path.exists(path):
                return None
            time.sleep(0.2)
            with open(path, "rb") as f:
                return f.read()

        got = download("dl-csl-json", "references.json")
        t.eq(got and json.loads(got), want,
             "downloaded CSL-JSON equals `refparse parse` (no page-only spans)")
        bib = download("dl-bibtex", "references.bib")
        t.eq(bib and bib.decode().split("\n\n")[0], FIRST_BIBTEX,
             "downloaded BibTeX: the first entry, exactly")
        t.eq(bib, cli_bytes(exe, ["parse", "--to", "bibtex"], refs),
             "downloaded BibTeX equals `refparse parse --to bibtex`")
        ris = download("dl-ris", "references.ris")
        t.eq(ris, cli_bytes(exe, ["parse", "--to", "ris"], refs),
             "downloaded RIS equals `refparse parse --to ris`")

        # a dropped JSON Lines file: its "raw" strings are parsed
        jsonl = "\n".join(json.dumps({"id": str(i), "raw": r}) for i, r in enumerate(refs[:2]))
        browser.execute_script("""
            const dt = new DataTransfer();
            dt.items.add(new File([arguments[0]], "refs.jsonl", {type: "text/plain"}));
            const ev = new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true});
            document.getElementById("drop").dispatchEvent(ev);""", jsonl)
        wait.until(lambda b: len(b.find_elements(By.CSS_SELECTOR, ".rec")) == 2)
        t.eq(browser.find_element(By.ID, "input").get_attribute("value"), "\n".join(refs[:2]),
             "a dropped .jsonl file fills the box with its raw strings")
        t.eq([e.text for e in browser.find_elements(By.CSS_SELECTOR, ".rec .text")], refs[:2],
             "and its references are parsed")
    except Exception as e:  # noqa: BLE001 - a browser failure is a test failure
        t.ok(False, "browser session", diag=repr(e))
    finally:
        if browser:
            browser.quit()
        srv.stop()
        srv.cleanup()
        shutil.rmtree(downloads, ignore_errors=True)
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
