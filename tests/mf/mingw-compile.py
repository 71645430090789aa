#!/usr/bin/env python3
"""The shim's sources and the MF examples compile against mingw-w64's headers.

libmsess-mf must also build on Windows against the real SDK headers, so every
shim source (those shim/meson.build lists, and any other shim/*.c) is
checked with

    x86_64-w64-mingw32-gcc -std=c11 -fsyntax-only -Wall -Wextra -Werror
        -Wno-missing-field-initializers -DCOBJMACROS -DMSESS_MF_BUILDING
        -Ishim -Iinclude -I<dir with shim/include/msess-mf.h only> shim/FILE.c

against mingw-w64's own Windows headers (NOT shim/include: of it only
<msess-mf.h>, libmsess-mf's own non-Windows header, is visible). The examples
examples/mf-*.c and examples/mf-*.cpp are MF client code: they are checked
the same way but without -DCOBJMACROS -DMSESS_MF_BUILDING (C++ with
x86_64-w64-mingw32-g++ -std=c++11), with only <msess-mf.h> taken from
shim/include.

Usage: mingw-compile.py [--root DIR] [--cc CMD] [--cxx CMD] [-v]
Exit status: 0 all compiled, 1 a file failed, 77 no mingw-w64 compiler.
Python 3 standard library only.
"""
import argparse
import concurrent.futures
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

FLAGS = ['-fsyntax-only', '-Wall', '-Wextra', '-Werror', '-Wno-missing-field-initializers']


def run(cmd, cwd):
    p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       universal_newlines=True, timeout=300)
    return p.returncode, p.stdout


def shim_sources(root):
    """shim/meson.build's list (in its order), then any other shim/*.c."""
    listed = []
    try:
        with open(os.path.join(root, 'shim', 'meson.build')) as f:
            text = f.read()
        m = re.search(r'shim_sources\s*=\s*files\((.*?)\)', text, re.S)
        if m:
            body = re.sub(r'#.*', '', m.group(1))
            listed = re.findall(r"'([^']+\.c)'", body)
    except OSError:
        pass
    found = sorted(os.path.basename(p) for p in glob.glob(os.path.join(root, 'shim', '*.c')))
    return [os.path.join('shim', f) for f in listed + [f for f in found if f not in listed]]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--root', default=ROOT)
    ap.add_argument('--cc', default='x86_64-w64-mingw32-gcc')
    ap.add_argument('--cxx', default='x86_64-w64-mingw32-g++')
    ap.add_argument('-v', '--verbose', action='store_true')
    args = ap.parse_args()
    root = os.path.abspath(args.root)

    if not shutil.which(args.cc):
        print('SKIP: %s not found (Debian: gcc-mingw-w64-x86-64 mingw-w64-x86-64-dev)' % args.cc)
        return 77

    work = tempfile.mkdtemp(prefix='msess-mingw-')
    try:
        # mingw-w64's headers plus our one non-Windows header, <msess-mf.h>
        # (alone in a directory, so that none of our Windows headers is seen).
        own = os.path.join(root, 'shim', 'include', 'msess-mf.h')
        if os.path.exists(own):
            shutil.copy(own, work)
        jobs = [(args.cc, ['-std=c11', '-DCOBJMACROS', '-DMSESS_MF_BUILDING', '-Ishim',
                           '-Iinclude', '-I' + work], f)
                for f in shim_sources(root)]
        if not jobs:
            print('FAIL: no shim sources found under %s/shim' % root)
            return 1
        ex_flags = ['-I' + work, '-Iinclude']
        for f in sorted(glob.glob(os.path.join(root, 'examples', 'mf-*.c'))):
            jobs.append((args.cc, ['-std=c11'] + ex_flags, os.path.relpath(f, root)))
        cxx_examples = sorted(glob.glob(os.path.join(root, 'examples', 'mf-*.cpp')))
        if cxx_examples and not shutil.which(args.cxx):
            print('SKIP: %s not found for %d C++ examples' % (args.cxx, len(cxx_examples)))
            return 77
        for f in cxx_examples:
            jobs.append((args.cxx, ['-std=c++11'] + ex_flags, os.path.relpath(f, root)))

        def check(job):
            cc, extra, f = job
            cmd = [cc] + extra + FLAGS + [f]
            rc, out = run(cmd, root)
            return f, cmd, rc, out

        failed = []
        workers = max(2, os.cpu_count() or 2)
        with concurrent.futures.ThreadPoolExecutor(workers) as pool:
            for f, cmd, rc, out in pool.map(check, jobs):   # in order
                if rc:
                    failed.append(f)
                    print('FAIL: %s\n  %s\n%s' % (f, ' '.join(cmd), out.rstrip()))
                else:
                    print('ok: %s' % f)
                    if args.verbose and out.strip():
                        print(out.rstrip())
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print('%d files compiled with mingw-w64, %d failed%s' %
          (len(jobs), len(failed), ': ' + ' '.join(failed) if failed else ''))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
