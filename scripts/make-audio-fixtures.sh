#!/usr/bin/env bash
# Writes the speech fixtures that end-to-end tests feed into Chromium's fake microphone
# (--use-file-for-fake-audio-capture=<file>): 16 kHz mono 16-bit signed PCM WAV, synthesised with
# espeak-ng and assembled with sox. The output is deterministic: no dither, fixed random seed.
# Usage: scripts/make-audio-fixtures.sh
# It also rewrites the timings block of tests/fixtures/audio/README.md, and checks every speech
# boundary it reports against a measurement of the written file.
set -euo pipefail

missing=()
for tool in espeak-ng sox soxi; do
	command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if ((${#missing[@]} > 0)); then
	echo "make-audio-fixtures: ${missing[*]} not found. Install them with:" >&2
	echo "  sudo apt-get install espeak-ng sox" >&2
	exit 1
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/tests/fixtures/audio"
readme="$out/README.md"
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

RATE=16000
FORMAT=(-r "$RATE" -c 1 -b 16 -e signed-integer)
# -D: no dither, so silence stays digital zero and output is repeatable; -R: fixed random seed.
SOX=(sox -D -R -V1)
# Anything above 0.01 % of full scale (|sample| > 3) counts as sound when measuring.
SOUND=(1 0.001 0.01%)

DE_ANNA='Hallo, ich heiße Anna und ich wohne in Hamburg.'
EN_ANNA='Hello, my name is Anna and I live in Hamburg.'
DE_WAIT='Moment, warte bitte kurz.'
DE_MORNING='Guten Morgen, wie geht es dir?'
DE_FINE='Mir geht es gut, danke.'
DE_HALLO='Hallo, ich heiße Anna.'
DE_HAMBURG='Ich wohne in Hamburg.'

# speak VOICE TEXT FILE: one utterance, with espeak-ng's own leading and trailing silence trimmed
# (it is digital zero at 22.05 kHz), then resampled to 16 kHz.
speak() {
	espeak-ng -v "$1" -w "$work/espeak.wav" "$2"
	"${SOX[@]}" "$work/espeak.wav" "${FORMAT[@]}" "$3" \
		silence "${SOUND[@]}" reverse silence "${SOUND[@]}" reverse rate -v "$RATE"
}

# pause SECONDS FILE: digital silence.
pause() {
	"${SOX[@]}" -n "${FORMAT[@]}" "$2" trim 0 "$1"
}

seconds() { awk -v n="$1" -v r="$RATE" 'BEGIN { printf "%.3f", n / r }'; }

timings=()
# assemble NAME PIECE...: concatenates pieces (pause:SECONDS or a WAV made by speak) into
# $out/NAME, and records where each utterance starts and ends, exact to the sample.
assemble() {
	local name="$1" at=0 i=0 piece samples
	shift
	local files=() speech=()
	for piece in "$@"; do
		if [[ "$piece" == pause:* ]]; then
			pause "${piece#pause:}" "$work/pause-$i.wav"
			piece="$work/pause-$i.wav"
			samples="$(soxi -s "$piece")"
		else
			samples="$(soxi -s "$piece")"
			speech+=("$(seconds "$at")–$(seconds $((at + samples))) s")
		fi
		files+=("$piece")
		at=$((at + samples))
		i=$((i + 1))
	done
	if ((${#files[@]} == 1)); then
		cp "${files[0]}" "$out/$name"
	else
		"${SOX[@]}" "${files[@]}" "$out/$name"
	fi
	local described="no speech"
	if ((${#speech[@]} > 0)); then
		described="speech $(printf '%s, ' "${speech[@]}")"
		described="${described%, }"
	fi
	timings+=("- \`$name\`: $(seconds "$at") s ($at samples), $described.")
	check "$name" "${speech[@]}"
}

# check NAME [SEGMENT...]: measures the first sound onset and the last sound end of the written
# file with sox's silence effect and fails if they disagree with the assembled segments by > 5 ms.
check() {
	local file="$out/$1" total first last measured_start measured_end
	shift
	(($# > 0)) || return 0
	total="$(soxi -D "$file")"
	first="${1%%–*}"
	last="${*: -1}"
	last="${last#*–}"
	last="${last% s}"
	measured_start="$(sox "$file" -n silence "${SOUND[@]}" stat 2>&1 | awk '/^Length/ { print $3 }')"
	measured_start="$(awk -v t="$total" -v r="$measured_start" 'BEGIN { printf "%.3f", t - r }')"
	measured_end="$(sox "$file" -n reverse silence "${SOUND[@]}" stat 2>&1 | awk '/^Length/ { print $3 }')"
	measured_end="$(printf '%.3f' "$measured_end")"
	awk -v a="$first" -v b="$measured_start" -v c="$last" -v d="$measured_end" 'BEGIN {
		exit !((a - b < 0.005 && b - a < 0.005) && (c - d < 0.005 && d - c < 0.005))
	}' || {
		echo "make-audio-fixtures: $1 measured sound $measured_start–$measured_end s," \
			"expected $first–$last s" >&2
		exit 1
	}
}

speak de "$DE_ANNA" "$work/de-anna.wav"
speak en-us "$EN_ANNA" "$work/en-anna.wav"
speak de "$DE_WAIT" "$work/de-wait.wav"
speak de "$DE_MORNING" "$work/de-morning.wav"
speak de "$DE_FINE" "$work/de-fine.wav"
speak de "$DE_HALLO" "$work/de-hallo.wav"
speak de "$DE_HAMBURG" "$work/de-hamburg.wav"

assemble de-anna.wav pause:0.5 "$work/de-anna.wav" pause:2.5
assemble de-anna-slow.wav pause:0.5 "$work/de-anna.wav" pause:12
assemble en-anna.wav pause:0.5 "$work/en-anna.wav" pause:2.5
assemble de-barge-in.wav pause:0.5 "$work/de-anna.wav" pause:12 "$work/de-wait.wav" pause:4
assemble silence.wav pause:3
assemble de-two.wav pause:0.5 "$work/de-morning.wav" pause:2 "$work/de-fine.wav" pause:1.5
assemble de-fine.wav "$work/de-fine.wav" pause:1.5
assemble de-pause.wav pause:0.5 "$work/de-hallo.wav" pause:1.5 "$work/de-hamburg.wav" pause:12

espeak_version="$(espeak-ng --version | sed -E 's/^eSpeak NG text-to-speech: ([^ ]+).*/\1/')"
sox_version="$(sox --version | sed -E 's/.*SoX v//')"
block="$(
	echo "Made with espeak-ng $espeak_version and SoX $sox_version. Speech times are where the"
	echo 'synthesised utterance starts and ends (its first and last non-zero sample, ±1 ms):'
	echo
	printf '%s\n' "${timings[@]}"
	echo
	echo 'SHA-256:'
	echo
	echo '```'
	(cd "$out" && sha256sum ./*.wav)
	echo '```'
)"

printf '%s\n' "$block"
if [[ -f "$readme" ]] && grep -q '<!-- timings:start -->' "$readme"; then
	BLOCK="$block" awk '
		/<!-- timings:start -->/ { print; print ""; print ENVIRON["BLOCK"]; print ""; skip = 1; next }
		/<!-- timings:end -->/ { skip = 0 }
		!skip
	' "$readme" >"$work/README.md"
	cp "$work/README.md" "$readme"
	echo "Updated the timings in ${readme#"$root"/}."
fi
