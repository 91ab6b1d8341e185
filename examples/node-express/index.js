const express = require("express");

const app = express();
app.get("/", (req, res) => res.type("text").send("Hello from Ferry\n"));

const port = Number(process.env.PORT || 5000);
const server = app.listen(port, () => console.log(`listening on ${port}`));

process.on("SIGTERM", () => {
  console.log("SIGTERM: closing the server");
  server.close(() => process.exit(0));
});
