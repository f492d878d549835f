#!/usr/bin/env python3
"""Assembles a Cortex-M4 test program for emulator/src/test/.../cpu/arm/M4Programs.java.

Usage: tools/m4-program.py NAME main.s  > snippet.java
The common part (vector table, logging handler, exit0) is read from M4Programs' class comment,
so every program shares it byte for byte; main.s holds the program's own `main`. Prints the Java
constant (source as a comment, flash bytes as hex, text symbols) to paste into M4Programs.
Needs binutils-arm-none-eabi (tools/setup.sh installs it); tests themselves need no toolchain.
"""
import html, os, re, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROGRAMS = os.path.join(ROOT, "emulator/src/test/java/io/twinboard/emu/cpu/arm/M4Programs.java")


def common_part():
    s = open(PROGRAMS).read()
    pre = s[s.index("<pre>") + 5:s.index("</pre>")]
    lines = [re.sub(r"^ \* ?", "", l) for l in html.unescape(pre).split("\n")]
    return "\n".join(l for l in lines if l.strip() not in ("", "*")) + "\n"


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: tools/m4-program.py NAME main.s")
    name, main_s = sys.argv[1], open(sys.argv[2]).read()
    with tempfile.TemporaryDirectory() as d:
        src, obj, elf, binf = (os.path.join(d, f) for f in ("p.s", "p.o", "p.elf", "p.bin"))
        open(src, "w").write(common_part() + main_s)
        subprocess.run(["arm-none-eabi-as", "-mcpu=cortex-m4", "-mthumb", "-o", obj, src], check=True)
        subprocess.run(["arm-none-eabi-ld", "-e", "0x08000000", "-Ttext=0x08000000", "-o", elf, obj], check=True)
        subprocess.run(["arm-none-eabi-objcopy", "-O", "binary", elf, binf], check=True)
        hexs = open(binf, "rb").read().hex()
        nm = subprocess.run(["arm-none-eabi-nm", elf], check=True, capture_output=True, text=True).stdout
    syms = sorted((f[2], int(f[0], 16)) for f in (l.split() for l in nm.splitlines()) if len(f) == 3 and f[1] in "Tt")
    body = "\n".join("     * " + l if l.strip() else "     *" for l in main_s.rstrip("\n").split("\n"))
    common = "".join(re.findall(r'"([0-9a-f]*)"', re.search(r"String COMMON = ([^;]*);", open(PROGRAMS).read()).group(1)))
    if not hexs.startswith(common):
        sys.exit("the image does not start with M4Programs.COMMON: was the common part changed?")
    rest = hexs[len(common):]
    chunks = [rest[i:i + 100] for i in range(0, len(rest), 100)]
    const = re.sub(r"\W", "_", name).upper()
    print("    /*\n" + body + "\n     */")
    print(f'    static final Program {const} = new Program("{name}",\n            COMMON + "' + '"\n            + "'.join(chunks) + '",')
    print("            Map.ofEntries(" + ", ".join(f'Map.entry("{n}", 0x{a:08x})' for n, a in syms) + "));")


if __name__ == "__main__":
    main()
