// The floor: a popup that draws nothing. It stamps the same mark Rolecall's popup stamps once its rows are
// shown (src/popup/first-rows-mark.ts): after its first frame has been produced.
requestAnimationFrame(() => {
  const channel = new MessageChannel()
  channel.port1.onmessage = () => performance.mark('rolecall:rows')
  channel.port2.postMessage(0)
})
