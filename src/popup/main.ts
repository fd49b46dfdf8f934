import './early-model'
import { mount } from 'svelte'
import '../ui/theme.css'
import App from './app.svelte'

mount(App, { target: document.getElementById('app')! })
