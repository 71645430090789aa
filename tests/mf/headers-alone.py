#!/usr/bin/env python3
"""Our Windows headers (shim/include) compile alone, warning-free.

Every header, included alone (twice: include guards), compiles as C11 with
gcc and clang and as C++11 with g++ and clang++ (those present), with
-Wall -Wextra -Werror, plain and with COBJMACROS and <initguid.h> first.
Then the programs headers-c.c and headers-cpp.cpp are built with every C
(C++) compiler present, linked against libmsess-mf (--lib) and run: that is
where __uuidof, IID_PPV_ARGS and COBJMACROS are shown to work with both GCC
and Clang.

Usage: headers-alone.py [--root DIR] [--lib PATH/libmsess-mf.so] [-v]
Exit status: 0 all compiled (and ran), 1 a failure, 77 no compiler at all.
Python 3 standard library only.
"""
import argparse
import concurrent.futures
import glob
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

WARN = ['-Wall', '-Wextra', '-Werror']
C_COMPILERS = [('gcc', '-std=c11'), ('clang', '-std=c11')]
CXX_COMPILERS = [('g++', '-std=c++11'), ('clang++', '-std=c++11')]


def run(cmd, **kw):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       universal_newlines=True, timeout=120, **kw)
    return p.returncode, p.stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--root', default=ROOT)
    ap.add_argument('--lib', help='libmsess-mf to link the programs against')
    ap.add_argument('--sanitize', default='none',
                    help="meson's b_sanitize: the library's sanitizers (programs then "
                         "built only with --cc-id's compilers, whose runtime it needs)")
    ap.add_argument('--cc-id', default='gcc', help="meson's C compiler id: gcc or clang")
    ap.add_argument('-v', '--verbose', action='store_true')
    args = ap.parse_args()

    inc = [os.path.join(args.root, 'shim', 'include'), os.path.join(args.root, 'include')]
    incflags = ['-I' + i for i in inc]
    headers = sorted(os.path.basename(h) for h in glob.glob(os.path.join(inc[0], '*.h')))
    comps = [(c, std, False) for c, std in C_COMPILERS if shutil.which(c)] + \
            [(c, std, True) for c, std in CXX_COMPILERS if shutil.which(c)]
    if not comps:
        print('SKIP: no C or C++ compiler')
        return 77
    if not headers:
        print('FAIL: no headers in ' + inc[0])
        return 1

    failures, checks = [], 0
    work = tempfile.mkdtemp(prefix='msess-hdr-')
    variants = (('alone', []),
                ('COBJMACROS+initguid', ['#define COBJMACROS', '#include <initguid.h>']))
    jobs = [(cc, std, cxx, h, variant, pre) for cc, std, cxx in comps for h in headers
            for variant, pre in variants]

    def check(job):
        cc, std, cxx, h, variant, pre = job
        src = os.path.join(work, '%s-%s-%s.%s' % (cc, h, len(pre), 'cpp' if cxx else 'c'))
        with open(src, 'w') as f:
            f.write('\n'.join(pre + ['#include <%s>' % h] * 2) + '\n')
        rc, out = run([cc, std] + WARN + ['-fsyntax-only'] + incflags + [src])
        return job, rc, out

    try:
        with concurrent.futures.ThreadPoolExecutor(max(2, os.cpu_count() or 2)) as pool:
            for (cc, std, _, h, variant, _), rc, out in pool.map(check, jobs):
                checks += 1
                if rc:
                    failures.append('%s %s <%s> (%s):\n%s' % (cc, std, h, variant,
                                                               out.strip()[:3000]))
                elif args.verbose:
                    print('ok: %s %s <%s> (%s)' % (cc, std, h, variant))
        checks += programs(args, comps, incflags, work, failures)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    for f in failures:
        print('FAIL: ' + f)
    print('%d compilers (%s), %d headers, %d checks, %d failed' %
          (len(comps), ' '.join(c for c, _, _ in comps), len(headers), checks, len(failures)))
    return 1 if failures else 0


def programs(args, comps, incflags, work, failures):
    """Build headers-c.c / headers-cpp.cpp with each compiler and run them."""
    checks = 0
    if not args.lib:
        return 0
    lib = os.path.abspath(args.lib)
    libdir = os.path.dirname(lib)
    san = []
    if args.sanitize not in ('', 'none'):
        san = ['-fsanitize=' + args.sanitize]
        if 'undefined' in args.sanitize:
            # the vptr check wants C++ type information behind the shim's C vtables
            san.append('-fno-sanitize=vptr')
        family = ('clang', 'clang++') if args.cc_id == 'clang' else ('gcc', 'g++')
        comps = [c for c in comps if c[0] in family]
    for cc, std, cxx in comps:
        src = os.path.join(HERE, 'headers-cpp.cpp' if cxx else 'headers-c.c')
        exe = os.path.join(work, 'prog-' + cc)
        rc, out = run([cc, std] + WARN + san + incflags +
                      [src, '-o', exe, lib, '-Wl,-rpath,' + libdir, '-pthread'])
        checks += 1
        if rc:
            failures.append('%s: %s does not build:\n%s' % (cc, os.path.basename(src),
                                                             out.strip()[:3000]))
            continue
        rc, out = run([exe])
        checks += 1
        if rc:
            failures.append('%s: %s failed (%d):\n%s' % (cc, os.path.basename(src), rc,
                                                         out.strip()[:3000]))
        elif args.verbose:
            print('ok: %s %s: %s' % (cc, os.path.basename(src), out.strip()))
    return checks


if __name__ == '__main__':
    sys.exit(main())
