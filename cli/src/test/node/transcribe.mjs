// Transcribes files through a server with the official openai client, as a user's program would.
// Usage: node transcribe.mjs BASE_URL FORMAT|stream FILE...   (the key comes from OPENAI_API_KEY)
// Prints one JSON line per file: {"file", "format", "result"}; for stream, result holds the events.
import fs from "node:fs";
import OpenAI from "openai";

const [baseURL, format, ...files] = process.argv.slice(2);
const client = new OpenAI({ baseURL, apiKey: process.env.OPENAI_API_KEY ?? "none", maxRetries: 0 });

for (const file of files) {
  let result;
  if (format === "stream") {
    const stream = await client.audio.transcriptions.create({
      file: fs.createReadStream(file), model: "whisper-1", stream: true,
    });
    result = [];
    for await (const event of stream) {
      result.push(event);
    }
  } else {
    const request = { file: fs.createReadStream(file), model: "whisper-1", response_format: format };
    if (format === "verbose_json") {
      request.timestamp_granularities = ["word", "segment"];
    }
    result = await client.audio.transcriptions.create(request);
  }
  console.log(JSON.stringify({ file, format, result }));
}
