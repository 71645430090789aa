#!/usr/bin/env python3
"""Regenerate the generated regions of msess's Media Foundation headers.

The headers in shim/include are written by hand except for regions between

    /* @generated KIND ARG... */      and      /* @end generated */

which this script rewrites from gen/interfaces.txt:

    forward           typedefs for every interface of the groups the file uses
    group NAME        the interfaces, GUIDs and media-type GUIDs of group NAME

For every interface it emits the IID, the C++ abstract struct (slot order),
the C vtable struct with BEGIN_INTERFACE/END_INTERFACE, the interface struct
and the COBJMACROS for every method, inherited ones included.

    python3 shim/include/gen/gen-mf-headers.py           rewrite the headers
    python3 shim/include/gen/gen-mf-headers.py --check   exit 1 if stale

The generated headers are checked in: users need no Python.
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
INCLUDE = os.path.dirname(HERE)
HEADERS = ['unknwn.h', 'objbase.h', 'propsys.h', 'mfobjects.h', 'mfapi.h',
           'mfidl.h', 'evr.h']


class Method:
    def __init__(self, ret, name, args):
        self.ret, self.name, self.args = ret, name, args

    def arg_names(self):
        return [re.findall(r'\w+', a)[-1] for a in self.args]


class Interface:
    def __init__(self, name, parent, iid, manual):
        self.name, self.parent, self.iid, self.manual = name, parent, iid, manual
        self.methods = []


def parse_guid(text):
    m = re.fullmatch(r'([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})',
                     text.lower())
    if not m:
        raise SystemExit('bad GUID: ' + text)
    tail = m.group(4) + m.group(5)
    return (m.group(1), m.group(2), m.group(3),
            [tail[i:i + 2] for i in range(0, 16, 2)])


def guid_args(text):
    d1, d2, d3, d4 = parse_guid(text)
    return '0x%s, 0x%s, 0x%s, %s' % (d1, d2, d3, ', '.join('0x' + b for b in d4))


def split_args(text):
    text = text.strip()
    if text in ('', 'void'):
        return []
    return [' '.join(a.split()) for a in text.split(',')]


def parse(path):
    groups, ifaces, order = {}, {}, []
    cur_group = cur_iface = None
    for lineno, raw in enumerate(open(path, encoding='utf-8'), 1):
        line = raw.split('#', 1)[0].rstrip()
        if not line.strip():
            continue
        where = '%s:%d: ' % (path, lineno)
        m = re.fullmatch(r'\[group ([\w-]+)\]', line.strip())
        if m:
            cur_group = groups.setdefault(m.group(1), [])
            cur_iface = None
            continue
        if line.startswith((' ', '\t')):
            if cur_iface is None:
                raise SystemExit(where + 'method outside an interface')
            m = re.fullmatch(r'\s+(?:(.*?)\s*\b)?(\w+)\((.*)\)', line)
            if not m:
                raise SystemExit(where + 'bad method: ' + line)
            cur_iface.methods.append(Method(m.group(1) or 'HRESULT', m.group(2),
                                            split_args(m.group(3))))
            continue
        words = line.split()
        if cur_group is None:
            raise SystemExit(where + 'entry outside a group')
        if words[0] in ('interface', 'manual-interface'):
            # interface NAME [: PARENT] IID
            name = words[1]
            parent = words[3] if len(words) == 5 else None
            cur_iface = Interface(name, parent, words[-1], words[0] == 'manual-interface')
            ifaces[name] = cur_iface
            order.append(name)
            cur_group.append(('interface', cur_iface))
        elif words[0] == 'guid':
            cur_iface = None
            cur_group.append(('guid', words[1], words[2]))
        elif words[0] == 'mediatype':
            cur_iface = None
            cur_group.append(('mediatype', words[1], words[2]))
        else:
            raise SystemExit(where + 'unknown entry ' + words[0])
    return groups, ifaces


def all_methods(ifaces, iface):
    chain = []
    while iface is not None:
        chain.insert(0, iface)
        iface = ifaces[iface.parent] if iface.parent else None
    return [m for i in chain for m in i.methods]


def emit_interface(ifaces, it):
    n = it.name
    out = []
    d1, d2, d3, d4 = parse_guid(it.iid)
    out.append('/* %s {%s} */' % (n, it.iid))
    out.append('DEFINE_GUID(IID_%s, %s);' % (n, guid_args(it.iid)))
    if it.manual:
        return out
    out.append('#if defined(__cplusplus) && !defined(CINTERFACE)')
    out.append('MSESS_MF_INTERFACE(%s, "%s") : public %s {' % (n, it.iid, it.parent))
    for m in it.methods:
        out.append('    virtual %s STDMETHODCALLTYPE %s(%s) = 0;'
                   % (m.ret, m.name, ', '.join(m.args)))
    out.append('};')
    out.append('MSESS_MF_UUIDOF(%s, %s)' % (n, guid_args(it.iid)))
    out.append('#else')
    out.append('typedef struct %sVtbl {' % n)
    out.append('    BEGIN_INTERFACE')
    methods = all_methods(ifaces, it)
    for m in methods:
        args = ', '.join(['%s *This' % n] + m.args)
        out.append('    %s (STDMETHODCALLTYPE *%s)(%s);' % (m.ret, m.name, args))
    out.append('    END_INTERFACE')
    out.append('} %sVtbl;' % n)
    out.append('interface %s {' % n)
    out.append('    CONST_VTBL %sVtbl *lpVtbl;' % n)
    out.append('};')
    out.append('#ifdef COBJMACROS')
    for m in methods:
        params = ','.join(['This'] + m.arg_names())
        out.append('#define %s_%s(%s) (This)->lpVtbl->%s(%s)' % (n, m.name, params, m.name, params))
    out.append('#endif')
    out.append('#endif')
    return out


def emit_group(ifaces, entries):
    out = []
    for e in entries:
        if e[0] == 'interface':
            if out:
                out.append('')
            out.extend(emit_interface(ifaces, e[1]))
    guids = [e for e in entries if e[0] != 'interface']
    if guids and out:
        out.append('')
    for e in guids:
        if e[0] == 'guid':
            out.append('DEFINE_GUID(%s, %s);' % (e[1], guid_args(e[2])))
        else:
            value = e[2]
            if value.startswith("'"):
                fcc = value.strip("'")
                if len(fcc) != 4:
                    raise SystemExit('bad FOURCC ' + value)
                num = sum(ord(c) << (8 * i) for i, c in enumerate(fcc))
                out.append("DEFINE_MEDIATYPE_GUID(%s, 0x%08x); /* FCC('%s') */" % (e[1], num, fcc))
            else:
                out.append('DEFINE_MEDIATYPE_GUID(%s, %s);' % (e[1], value))
    return out


MARK = re.compile(r'^/\* @generated (\w+)((?: [\w-]+)*) \*/$')
END = '/* @end generated */'


def rewrite(text, groups, ifaces, fname):
    lines = text.split('\n')
    used = [g for l in lines for m in [MARK.match(l)] if m and m.group(1) == 'group'
            for g in m.group(2).split()]
    out, i = [], 0
    while i < len(lines):
        line = lines[i]
        out.append(line)
        m = MARK.match(line)
        i += 1
        if not m:
            continue
        try:
            j = lines.index(END, i)
        except ValueError:
            raise SystemExit('%s: no end marker after line %d' % (fname, i))
        kind, args = m.group(1), m.group(2).split()
        if kind == 'forward':
            names = [e[1].name for g in used for e in groups[g] if e[0] == 'interface']
            out.extend('typedef interface %s %s;' % (n, n) for n in names)
        elif kind == 'group':
            for n, g in enumerate(args):
                if g not in groups:
                    raise SystemExit('%s: unknown group %s' % (fname, g))
                if n:
                    out.append('')
                out.extend(emit_group(ifaces, groups[g]))
        else:
            raise SystemExit('%s: unknown region kind %s' % (fname, kind))
        out.append(END)
        i = j + 1
    return '\n'.join(out)


def main():
    check = '--check' in sys.argv[1:]
    groups, ifaces = parse(os.path.join(HERE, 'interfaces.txt'))
    stale, used = [], set()
    for h in HEADERS:
        path = os.path.join(INCLUDE, h)
        old = open(path, encoding='utf-8').read()
        for m in re.finditer(r'^/\* @generated group ([\w -]+) \*/$', old, re.M):
            used.update(m.group(1).split())
        new = rewrite(old, groups, ifaces, h)
        if new != old:
            stale.append(h)
            if not check:
                with open(path, 'w', encoding='utf-8') as f:
                    f.write(new)
    unused = sorted(set(groups) - used)
    if unused:
        print('groups no header uses: ' + ' '.join(unused), file=sys.stderr)
        return 1
    if check and stale:
        print('stale generated regions in: ' + ' '.join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
