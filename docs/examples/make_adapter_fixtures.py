#!/usr/bin/env python3
"""Writes the adapters' fixtures, each in the layout its tool documents, with synthetic values:

- lm-eval-samples.jsonl: lm-evaluation-harness `--log_samples` output of a GSM8K-style task with
  `repeats: 8` and a regex filter that keeps every answer: per document doc_id, doc, target, arguments,
  resps (the 8 generations), filtered_resps (the 8 extracted answers), filter, metrics, exact_match and
  the hashes. 60 documents; difficulty p ~ Beta(2, 1); a wrong sample answers one of 3 wrong numbers.
- vllm-serving-benchmark.json: vLLM `benchmarks/benchmark_serving.py --save-result` output: the run's
  settings and summaries (mean/median/std/p99 of TTFT, TPOT, ITL, E2EL in ms) and per request input_lens,
  output_lens, ttfts (s), itls (s), generated_texts and errors. 40 requests, 1 failed; input ~ lognormal
  (mean 700), output ~ lognormal (mean 260); TTFT 0.12 s + U(0, 0.06); gaps 0.021 s ± 0.002.
- openai-batch-output.jsonl: OpenAI Batch API output (chat completions): id, custom_id, response
  {status_code, request_id, body {id, object, created, model, choices, usage}}, error. 30 requests, one
  with an error.
Standard library only; seeded, so the files are the same on every run.
"""
import hashlib
import json
import math
import random

rng = random.Random(20261128)


def sha(s):
    return hashlib.sha256(s.encode()).hexdigest()


with open("lm-eval-samples.jsonl", "w") as f:
    for d in range(60):
        a, b = rng.randint(10, 99), rng.randint(10, 99)
        target = str(a + b)
        wrong = [str(a + b + k) for k in (-10, 1, 10)]
        p = rng.betavariate(2, 1)
        question = f"Tom has {a} marbles and finds {b} more. How many marbles does he have?"
        prompt = f"Question: {question}\nAnswer:"
        answers = [target if rng.random() < p else rng.choice(wrong) for _ in range(8)]
        resps = [f"He has {a} + {b} = {x} marbles. The answer is {x}." for x in answers]
        f.write(json.dumps({
            "doc_id": d,
            "doc": {"question": question, "answer": f"{a} + {b} = {target}\n#### {target}"},
            "target": target,
            "arguments": [[prompt, {"until": ["Question:"], "do_sample": True, "temperature": 0.7}]],
            "resps": [resps],
            "filtered_resps": [answers],
            "filter": "strict-match",
            "metrics": ["exact_match"],
            "doc_hash": sha(question), "prompt_hash": sha(prompt), "target_hash": sha(target),
            "exact_match": sum(x == target for x in answers) / 8,
        }) + "\n")


def lognormal(mean, sd):
    s2 = math.log(1 + sd * sd / (mean * mean))
    return rng.lognormvariate(math.log(mean) - s2 / 2, math.sqrt(s2))


n = 40
input_lens, output_lens, ttfts, itls, texts, errors = [], [], [], [], [], []
for i in range(n):
    if i == 17:  # one failed request, as the benchmark records it
        input_lens.append(650); output_lens.append(0); ttfts.append(0.0); itls.append([]); texts.append("")
        errors.append("Bad Request: 400")
        continue
    lin = max(1, round(lognormal(700, 250)))
    lout = max(2, round(lognormal(260, 120)))
    input_lens.append(lin)
    output_lens.append(lout)
    ttfts.append(round(0.12 + 0.06 * rng.random(), 6))
    itls.append([round(rng.gauss(0.021, 0.002), 6) for _ in range(lout - 1)])
    texts.append("...")
    errors.append("")
ok = [i for i in range(n) if not errors[i]]
e2el = [ttfts[i] + sum(itls[i]) for i in ok]
tpot = [sum(itls[i]) / (output_lens[i] - 1) for i in ok]
gaps = [g for i in ok for g in itls[i]]
duration = sum(e2el) / 8


def summary(name, values):
    v = sorted(x * 1000 for x in values)
    m = sum(v) / len(v)
    return {f"mean_{name}_ms": m, f"median_{name}_ms": v[len(v) // 2],
            f"std_{name}_ms": math.sqrt(sum((x - m) ** 2 for x in v) / len(v)),
            f"p99_{name}_ms": v[min(len(v) - 1, int(0.99 * len(v)))]}


result = {"date": "20261128-120000", "backend": "vllm", "model_id": "my-org/my-model-8b",
          "tokenizer_id": "my-org/my-model-8b", "num_prompts": n, "request_rate": "inf", "burstiness": 1.0,
          "max_concurrency": 8, "duration": duration, "completed": len(ok),
          "total_input_tokens": sum(input_lens[i] for i in ok), "total_output_tokens": sum(output_lens[i] for i in ok),
          "request_throughput": len(ok) / duration, "request_goodput:": None,
          "output_throughput": sum(output_lens[i] for i in ok) / duration,
          "total_token_throughput": sum(input_lens[i] + output_lens[i] for i in ok) / duration,
          "input_lens": input_lens, "output_lens": output_lens, "ttfts": ttfts, "itls": itls,
          "generated_texts": texts, "errors": errors}
result.update(summary("ttft", [ttfts[i] for i in ok]))
result.update(summary("tpot", tpot))
result.update(summary("itl", gaps))
result.update(summary("e2el", e2el))
with open("vllm-serving-benchmark.json", "w") as f:
    json.dump(result, f)
    f.write("\n")

with open("openai-batch-output.jsonl", "w") as f:
    for i in range(30):
        cid = f"request-{i + 1}"
        if i == 11:
            f.write(json.dumps({"id": f"batch_req_{i:04d}", "custom_id": cid, "response": None,
                                "error": {"code": "server_error", "message": "The server had an error."}}) + "\n")
            continue
        prompt = max(1, round(lognormal(700, 250)))
        choices = 2
        completion = sum(max(1, round(lognormal(260, 120))) for _ in range(choices))
        f.write(json.dumps({
            "id": f"batch_req_{i:04d}", "custom_id": cid,
            "response": {"status_code": 200, "request_id": f"req_{sha(cid)[:16]}",
                         "body": {"id": f"chatcmpl-{sha(cid)[:10]}", "object": "chat.completion", "created": 1764331200,
                                  "model": "gpt-4o-mini-2024-07-18",
                                  "choices": [{"index": k, "message": {"role": "assistant", "content": "..."},
                                               "logprobs": None, "finish_reason": "stop"} for k in range(choices)],
                                  "usage": {"prompt_tokens": prompt, "completion_tokens": completion,
                                            "total_tokens": prompt + completion},
                                  "system_fingerprint": "fp_0123456789"}},
            "error": None}) + "\n")
